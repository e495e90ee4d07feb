package dev.amsh.catalog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second amsh process off an embedded catalog. Derby would refuse it too, but only
 * after Spring, Liquibase and Derby have started, and with a stack trace; an OS file lock
 * answers at once and is released by the OS even when the process is killed.
 */
public final class CatalogLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private CatalogLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the catalog directory, creating the directory if needed.
     *
     * @throws CatalogUnavailableException when another process holds it, or the directory cannot be used
     */
    public static CatalogLock acquire(Path catalogDirectory) {
        try {
            Files.createDirectories(catalogDirectory);
            FileChannel channel = FileChannel.open(catalogDirectory.resolve("amsh.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            }
            catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new CatalogUnavailableException("catalog " + catalogDirectory
                        + " is open in another amsh process; close that shell or use another --catalog");
            }
            return new CatalogLock(channel, lock);
        }
        catch (FileSystemException e) {
            // Its message is the path again; the reason is what the operator needs.
            String reason = e.getReason() != null ? e.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "it cannot be created there"
                    : e.getClass().getSimpleName();
            throw new CatalogUnavailableException("cannot use catalog " + catalogDirectory + ": " + reason);
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot use catalog " + catalogDirectory + ": " + e.getMessage());
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
