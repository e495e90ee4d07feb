package dev.amsh.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Says which amsh process owns an embedded catalog: the one holding this OS file lock opens the
 * database (Derby admits one process per database), the others go through its service. The OS
 * releases the lock even when the process is killed.
 */
public final class CatalogLock implements AutoCloseable {

    static final String FILE_NAME = "amsh.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private CatalogLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the catalog directory, which {@link CatalogDirectory#prepare} made sure of.
     *
     * @throws CatalogUnavailableException when another process holds it, or the directory cannot be used
     */
    public static CatalogLock acquire(Path catalogDirectory) {
        return tryAcquire(catalogDirectory).orElseThrow(() -> new CatalogUnavailableException("catalog "
                + catalogDirectory + " is open in another amsh process; close that shell or use another --catalog"));
    }

    /**
     * Takes the lock of the catalog directory if no other process holds it. The lock file is
     * owner-only and never opened through a link.
     *
     * @throws CatalogUnavailableException when the directory cannot be used
     */
    public static Optional<CatalogLock> tryAcquire(Path catalogDirectory) {
        try {
            Path lockFile = catalogDirectory.resolve(FILE_NAME);
            PrivateFiles.refuseLink(lockFile);
            FileChannel channel = FileChannel.open(lockFile,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PrivateFiles.ownerOnlyFile());
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            // one made by an older amsh may still be world-readable
            Files.setPosixFilePermissions(lockFile, PrivateFiles.OWNER_ONLY_FILE);
            return Optional.of(new CatalogLock(channel, lock));
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot use catalog " + catalogDirectory + ": "
                    + PrivateFiles.reason(e));
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        }
        catch (IOException ignored) {
            // the OS drops the lock when the process ends anyway
        }
    }
}
