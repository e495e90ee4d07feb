package dev.amsh.image;

import dev.amsh.catalog.CommandScope;
import dev.amsh.catalog.Progress;
import dev.amsh.vocabulary.FailedException;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads an image file's size and sha256 by streaming it once (a multi-gigabyte image never
 * sits in memory), telling {@link Progress} how far it has come.
 */
public final class ImageFiles {

    private static final int BUFFER = 1 << 16;

    private ImageFiles() {
    }

    /**
     * @param base     the directory a relative path is relative to (where the operator typed it)
     * @param progress hears the file's name, its size, and how much of it has been read
     * @throws InvalidValueException when the path names no regular file (a bad value)
     * @throws FailedException        when the file is there but may not or cannot be read
     */
    public static ImageContent read(String pathText, Path base, Progress progress) {
        Path path;
        try {
            path = base.resolve(pathText);
        }
        catch (InvalidPathException e) {
            throw new InvalidValueException("cannot read " + Texts.abbreviate(pathText) + ": not a valid path");
        }
        // The path is the operator's text: shortened, and its control characters (a newline) made visible.
        String shown = Texts.abbreviate(pathText);
        if (Files.isDirectory(path)) {
            throw new InvalidValueException("cannot read " + shown + ": it is a directory");
        }
        try (InputStream in = Files.newInputStream(path)) {
            long total = Files.size(path);
            progress.started(String.valueOf(path.getFileName()), total);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            long read = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                read += n;
                progress.advanced(read);
                CommandScope.checkStop();
            }
            return new ImageContent(read, HexFormat.of().formatHex(sha256.digest()));
        }
        catch (NoSuchFileException e) {
            throw new InvalidValueException("cannot read " + shown + ": no such file");
        }
        catch (AccessDeniedException e) {
            throw new FailedException("cannot read " + shown + ": permission denied");
        }
        catch (FileSystemException e) {
            // Raised on opening: the path names nothing readable (too long, not a directory), a bad value.
            // Its message repeats the whole path; the reason alone is what the operator needs.
            throw new InvalidValueException("cannot read " + shown + ": "
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
        }
        catch (IOException e) {
            // The file opened but reading it failed: an I/O failure, not the operator's typo.
            throw new FailedException("cannot read " + shown + ": " + Texts.abbreviate(String.valueOf(e.getMessage())));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        finally {
            progress.finished();
        }
    }
}
