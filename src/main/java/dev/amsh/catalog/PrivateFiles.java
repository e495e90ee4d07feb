package dev.amsh.catalog;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files amsh keeps for its operator alone (catalog, log, lock, history): created owner-only
 * whatever the umask, and never through a symbolic link, which would let whoever planted it
 * choose what amsh writes over.
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates a directory only its owner can enter, whatever the umask. */
    public static void createDirectory(Path directory) throws IOException {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        // the umask may have taken bits off the owner's; set them exactly
        Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
    }

    /** Deletes a directory tree, if it is there, without following the links in it: a link goes, what it points at stays. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Creates the directories of a path that are missing, each owner-only. */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            createDirectories(absolute.getParent());
        }
        try {
            createDirectory(absolute);
        }
        catch (FileAlreadyExistsException createdMeanwhile) {
            refuseLink(absolute);
        }
    }

    /**
     * Makes sure a file amsh writes is a regular, owner-only file and not a link: creates it
     * empty if missing (never through a link), else narrows its permissions.
     *
     * @throws CatalogUnavailableException when it is a link or not a regular file
     */
    public static void ensurePrivateFile(Path file) throws IOException {
        refuseLink(file);
        try {
            Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnlyFile()).close();
        }
        catch (FileAlreadyExistsException exists) {
            // kept from an earlier run: checked below
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw linkRefused(file);
        }
        if (!attributes.isRegularFile()) {
            throw new CatalogUnavailableException(file + " is not a regular file; amsh writes only its own files there");
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    }

    /** @throws CatalogUnavailableException when the path is a symbolic link */
    public static void refuseLink(Path path) {
        if (Files.isSymbolicLink(path)) {
            throw linkRefused(path);
        }
    }

    static CatalogUnavailableException linkRefused(Path link) {
        return new CatalogUnavailableException(link + " is a symbolic link; amsh does not follow links in its files:"
                + " remove it (rm " + link + ")");
    }

    static FileAttribute<Set<PosixFilePermission>> ownerOnlyFile() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE);
    }

    /** The reason of a file error: its message is the path again, the reason is what the operator needs. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "it cannot be created there"
                    : e.getClass().getSimpleName();
        }
        return e.getMessage();
    }
}
