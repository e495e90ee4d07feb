package dev.amsh.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Who is attached to a served catalog: one owner-only file per attached process in the
 * catalog's {@code attached} directory, named by its pid. A process killed before it could
 * remove its file leaves it behind; such files are skipped and removed when listed.
 */
final class Attachments {

    static final String DIRECTORY = "attached";

    private Attachments() {
    }

    /** Records the running process as attached; returns its file, removed when it detaches. */
    static Path register(Path catalog, ServiceFile.Session session) throws IOException {
        Path directory = catalog.resolve(DIRECTORY);
        PrivateFiles.refuseLink(directory);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            PrivateFiles.createDirectory(directory);
        }
        Path file = directory.resolve(Long.toString(session.pid()));
        PrivateFiles.refuseLink(file);
        // a pid reused after a killed process: its file is stale
        Files.deleteIfExists(file);
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.ownerOnlyFile()))) {
            session.toProperties().store(out, null);
        }
        return file;
    }

    static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException ignored) {
            // listed as stale once the process is gone
        }
    }

    /** The attached processes still running, oldest first; files of ended ones are removed. */
    static List<ServiceFile.Session> list(Path catalog) throws IOException {
        Path directory = catalog.resolve(DIRECTORY);
        PrivateFiles.refuseLink(directory);
        List<ServiceFile.Session> sessions = new ArrayList<>();
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            return sessions;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                read(file).ifPresentOrElse(session -> {
                    if (session.alive()) {
                        sessions.add(session);
                    }
                    else {
                        remove(file);
                    }
                }, () -> remove(file));
            }
        }
        sessions.sort(Comparator.comparing(ServiceFile.Session::since));
        return sessions;
    }

    private static Optional<ServiceFile.Session> read(Path file) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            properties.load(in);
            return Optional.of(ServiceFile.Session.fromProperties(properties));
        }
        catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
