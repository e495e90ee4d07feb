package dev.amsh.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What a process needs to reach a served catalog, and who serves it: a small file in the catalog
 * directory, owner-only, never written or read through a link. Another user's file, or one
 * others could read, is refused: it holds the catalog's password.
 *
 * @param port  the loopback port of the owner's Derby network server
 * @param login the Derby user and password
 * @param owner who serves the catalog
 */
public record ServiceFile(int port, DerbyLogin login, Session owner) {

    static final String FILE_NAME = "amsh.service";

    /** Writes the file whole under a temporary name, then renames it into place: a reader never sees half of it. */
    void write(Path catalog) throws IOException {
        Properties properties = owner.toProperties();
        properties.setProperty("port", Integer.toString(port));
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        Path written = catalog.resolve(FILE_NAME + "." + ProcessHandle.current().pid());
        PrivateFiles.refuseLink(written);
        Files.deleteIfExists(written);
        try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(written, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), PrivateFiles.ownerOnlyFile()))) {
            out.write(text(properties).getBytes(StandardCharsets.UTF_8));
        }
        Files.setPosixFilePermissions(written, PrivateFiles.OWNER_ONLY_FILE);
        Files.move(written, catalog.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The service file of the catalog, if there is one.
     *
     * @throws CatalogUnavailableException when it is a link, not a regular file, not the operator's, or not 0600
     */
    static Optional<ServiceFile> read(Path catalog) {
        Path file = catalog.resolve(FILE_NAME);
        try {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw PrivateFiles.linkRefused(file);
            }
            int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile() || owner != CatalogDirectory.currentUid()
                    || !attributes.permissions().equals(PrivateFiles.OWNER_ONLY_FILE)) {
                throw new CatalogUnavailableException(file + " is not a 0600 file of yours; amsh does not trust it:"
                        + " remove it (rm " + file + ")");
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                properties.load(in);
            }
            return Optional.of(new ServiceFile(Integer.parseInt(properties.getProperty("port")),
                    new DerbyLogin(properties.getProperty("user"), properties.getProperty("password")),
                    Session.fromProperties(properties)));
        }
        catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException unreadable) {
            if (unreadable instanceof CatalogUnavailableException refused) {
                throw refused;
            }
            // being replaced, or left half-written by a process killed in the middle: as good as absent
            return Optional.empty();
        }
    }

    /** Removes the file if it is there; only the process holding the catalog lock calls this. */
    static void delete(Path catalog) {
        try {
            Files.deleteIfExists(catalog.resolve(FILE_NAME));
        }
        catch (IOException ignored) {
            // the next owner replaces it
        }
    }

    private static String text(Properties properties) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(text, null);
        return text.toString();
    }

    /**
     * An amsh process on the catalog.
     *
     * @param pid     its process id
     * @param user    the OS user running it
     * @param since   when it started serving or attached
     * @param purpose {@code interactive}, {@code script}, {@code one-shot} or {@code serve}
     */
    public record Session(long pid, String user, Instant since, String purpose) {

        static Session current(String purpose) {
            return new Session(ProcessHandle.current().pid(), System.getProperty("user.name", "unknown"),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), purpose);
        }

        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        Properties toProperties() {
            Properties properties = new Properties();
            properties.setProperty("pid", Long.toString(pid));
            properties.setProperty("os-user", user);
            properties.setProperty("since", since.toString());
            properties.setProperty("purpose", purpose);
            return properties;
        }

        static Session fromProperties(Properties properties) {
            return new Session(Long.parseLong(properties.getProperty("pid")), properties.getProperty("os-user"),
                    Instant.parse(properties.getProperty("since")), properties.getProperty("purpose"));
        }
    }
}
