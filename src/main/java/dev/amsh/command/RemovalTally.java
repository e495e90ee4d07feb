package dev.amsh.command;

/** What the commands of a run removed: images, versions and bytes. */
public final class RemovalTally {

    private long images;
    private long versions;
    private long bytes;

    public synchronized void add(long images, long versions, long bytes) {
        this.images += images;
        this.versions += versions;
        this.bytes += bytes;
    }

    public synchronized long images() {
        return images;
    }

    public synchronized long versions() {
        return versions;
    }

    public synchronized long bytes() {
        return bytes;
    }
}
