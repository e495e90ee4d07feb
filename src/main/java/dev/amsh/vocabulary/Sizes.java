package dev.amsh.vocabulary;

/** The sizes a catalog accepts for image content. */
public final class Sizes {

    /**
     * 8 PiB: far above any image, and low enough that sums over a whole catalog and the time a
     * fetch of that many bytes may take (in nanoseconds) stay within a {@code long}.
     */
    public static final long MAX_IMAGE_BYTES = 1L << 53;

    private Sizes() {
    }
}
