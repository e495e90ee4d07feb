package dev.amsh.catalog;

import dev.amsh.wire.ServiceSocket;
import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks an embedded catalog directory passes before amsh opens it, as ssh checks a key
 * file: a catalog another user can write to can hold code that amsh would run as its operator,
 * and links that make amsh write elsewhere. What amsh creates in it is for its owner alone.
 */
public final class CatalogDirectory {

    /** Where the service started in the background writes what it has to say. */
    public static final String SERVICE_LOG = "service.log";
    /** Every name amsh creates or writes in a catalog directory. */
    static final Set<String> OWN_FILES = Set.of(CatalogLock.FILE_NAME, CatalogDatabase.LOG_FILE,
            CatalogDatabase.DATABASE_DIRECTORY, CatalogDatabase.CREATING_DIRECTORY, CatalogLocation.HISTORY_FILE,
            ServiceSocket.FILE_NAME, SERVICE_LOG);

    /** As the system's own limit on links followed in one path. */
    private static final int MAX_LINKS = 40;

    private CatalogDirectory() {
    }

    /**
     * Where the service of a catalog on a database server keeps its socket and its log: a directory
     * of its own under the session's runtime directory ({@code $XDG_RUNTIME_DIR/amsh/KEY}), one per
     * URL and database user, so that a client never borrows another user's connections. Checked as
     * a catalog directory is.
     *
     * @return empty when there is no runtime directory of this user's own to put it in
     */
    public static Optional<Path> serviceHome(String jdbcUrl, String databaseUser, Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime == null || runtime.isBlank() || !Path.of(runtime).isAbsolute()) {
            return Optional.empty();
        }
        try {
            Path base = Path.of(runtime);
            PosixFileAttributes attributes = Files.readAttributes(base, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || uid(base) != currentUid()
                    || !attributes.permissions().equals(PosixFilePermissions.fromString("rwx------"))) {
                return Optional.empty();
            }
            Path services = base.resolve("amsh");
            if (!Files.exists(services, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    PrivateFiles.createDirectory(services);
                }
                catch (FileAlreadyExistsException createdMeanwhile) {
                    // another client made it first; it is checked below
                }
            }
            return Optional.of(prepare(services.resolve(key(jdbcUrl + "\n" + databaseUser)), false));
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String key(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 10);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /**
     * Creates the directory (owner-only) if it is missing, else checks that it and the
     * directories above it are safe to trust, and that nothing amsh writes in it is a link.
     * The path is resolved once, refusing a link on the way that another user owns (who could
     * point it elsewhere between the check and the use); callers use only the path returned.
     *
     * @param foreignAllowed the operator said to trust a catalog that belongs to another user
     * @return the catalog's real path, the one that was checked
     * @throws CatalogUnavailableException naming the path and the fix when it is not safe
     */
    public static Path prepare(Path directory, boolean foreignAllowed) {
        try {
            int me = currentUid();
            Path resolved = resolveThroughOwnLinks(directory.toAbsolutePath(), me);
            Path real = createOrResolve(resolved);
            if (!real.equals(resolved)) {
                throw new CatalogUnavailableException("catalog " + directory + " changed while it was checked (now "
                        + real + "); try again");
            }
            checkOwnedAndClosed(real, me, foreignAllowed);
            for (Path parent = real.getParent(); parent != null; parent = parent.getParent()) {
                checkParent(real, parent, me, foreignAllowed);
            }
            for (String name : OWN_FILES) {
                PrivateFiles.refuseLink(real.resolve(name));
            }
            return real;
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot use catalog " + directory + ": " + PrivateFiles.reason(e));
        }
    }

    /**
     * The path with every link on it followed, as the system would, but refusing a link that belongs
     * to neither the operator nor root. Components that do not exist yet are kept as they are.
     */
    private static Path resolveThroughOwnLinks(Path absolute, int me) throws IOException {
        Deque<Path> pending = new ArrayDeque<>();
        absolute.forEach(pending::addLast);
        Path resolved = absolute.getRoot();
        int links = 0;
        while (!pending.isEmpty()) {
            Path name = pending.removeFirst();
            if (name.toString().equals(".")) {
                continue;
            }
            if (name.toString().equals("..")) {
                resolved = resolved.getParent() == null ? resolved : resolved.getParent();
                continue;
            }
            Path next = resolved.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                resolved = next;
                continue;
            }
            int owner = uid(next);
            if (owner != me && owner != 0) {
                throw new CatalogUnavailableException("catalog " + absolute + " goes through " + next
                        + ", a link that belongs to user " + owner + ", who could point it elsewhere: give the real path"
                        + " of a catalog of your own");
            }
            if (++links > MAX_LINKS) {
                throw new CatalogUnavailableException("catalog " + absolute + " goes through more than " + MAX_LINKS
                        + " links");
            }
            Path target = Files.readSymbolicLink(next);
            List<Path> targetNames = new ArrayList<>();
            target.forEach(targetNames::add);
            for (int i = targetNames.size() - 1; i >= 0; i--) {
                pending.addFirst(targetNames.get(i));
            }
            if (target.isAbsolute()) {
                resolved = target.getRoot();
            }
        }
        return resolved;
    }

    private static Path createOrResolve(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory.getParent());
            try {
                PrivateFiles.createDirectory(directory);
            }
            catch (FileAlreadyExistsException createdMeanwhile) {
                // another amsh made it first; it is checked like any existing one
            }
        }
        if (!Files.isDirectory(directory)) {
            throw new CatalogUnavailableException("catalog " + directory + " is not a directory");
        }
        return directory.toRealPath();
    }

    private static void checkOwnedAndClosed(Path directory, int me, boolean foreignAllowed) throws IOException {
        int owner = uid(directory);
        if (owner != me && !foreignAllowed) {
            throw new CatalogUnavailableException("catalog " + directory + " belongs to user " + owner
                    + ", not to you (uid " + me + "): amsh opens only its operator's own catalogs"
                    + (me == 0 ? " (to trust it anyway: amsh --allow-foreign-catalog ...)" : ""));
        }
        if (writableByOthers(directory)) {
            throw new CatalogUnavailableException("catalog " + directory
                    + " is writable by other users; fix it with: chmod 700 " + directory);
        }
    }

    /**
     * A parent belongs to the operator or root, and others may not rename what it holds: not
     * writable by them, unless sticky (as /tmp), where only an entry's owner can move it.
     */
    private static void checkParent(Path catalog, Path parent, int me, boolean foreignAllowed) throws IOException {
        int owner = uid(parent);
        if (owner != me && owner != 0 && !foreignAllowed) {
            throw new CatalogUnavailableException("catalog " + catalog + " lies in " + parent
                    + ", which belongs to user " + owner + ": keep catalogs in your own directories");
        }
        PosixFileAttributes attributes = Files.readAttributes(parent, PosixFileAttributes.class);
        if (writableByOthers(attributes.permissions()) && !sticky(parent)) {
            throw new CatalogUnavailableException("catalog " + catalog + " lies in " + parent
                    + ", which other users can write to; fix it with: chmod go-w " + parent);
        }
    }

    private static boolean writableByOthers(Path path) throws IOException {
        return writableByOthers(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static boolean writableByOthers(Set<PosixFilePermission> permissions) {
        return permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean sticky(Path directory) throws IOException {
        int mode = (Integer) Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 01000) != 0;
    }

    private static int uid(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    static int currentUid() {
        return (int) new UnixSystem().getUid();
    }
}
