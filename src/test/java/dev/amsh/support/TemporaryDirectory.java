package dev.amsh.support;

import dev.amsh.catalog.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory a test makes in the system's temporary directory (owner-only, as Java makes them
 * there), deleted with everything in it when closed: a catalog, a Derby server's home, an index.
 * Its links are deleted, never followed.
 */
public final class TemporaryDirectory implements AutoCloseable {

    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    public static TemporaryDirectory create(String prefix) {
        try {
            return new TemporaryDirectory(Files.createTempDirectory(prefix));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory that goes when this JVM ends, after the sessions and servers registered after it. */
    public static Path untilExit(String prefix) {
        return AtJvmExit.close(create(prefix)).path();
    }

    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    @Override
    public void close() throws IOException {
        PrivateFiles.deleteTree(path);
    }
}
