package dev.amsh.image;

import dev.amsh.catalog.InvalidValueException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import dev.amsh.shell.Texts;
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
 * sits in memory), drawing a progress bar on a terminal for large files.
 */
public final class ImageFiles {

    /** Below this a progress bar would only flicker. */
    static final long PROGRESS_THRESHOLD = 64L * 1024 * 1024;
    private static final int BUFFER = 1 << 16;
    private static final int BAR_WIDTH = 30;

    private ImageFiles() {
    }

    /**
     * @param progress where to draw the bar, or null when there is no terminal
     * @throws InvalidValueException when the path is not a readable regular file
     */
    public static ImageContent read(String pathText, PrintWriter progress) {
        Path path;
        try {
            path = Path.of(pathText);
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
            boolean drawBar = progress != null && total >= PROGRESS_THRESHOLD;
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            long read = 0;
            int shownPercent = -1;
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
                read += n;
                if (drawBar) {
                    int percent = (int) (read * 100 / Math.max(total, 1));
                    if (percent != shownPercent) {
                        shownPercent = percent;
                        drawBar(progress, path.getFileName().toString(), percent);
                    }
                }
            }
            if (drawBar) {
                progress.print("\r\033[K");
                progress.flush();
            }
            return new ImageContent(read, HexFormat.of().formatHex(sha256.digest()));
        }
        catch (NoSuchFileException e) {
            throw new InvalidValueException("cannot read " + shown + ": no such file");
        }
        catch (AccessDeniedException e) {
            throw new InvalidValueException("cannot read " + shown + ": permission denied");
        }
        catch (FileSystemException e) {
            // Its message repeats the whole path; the reason alone is what the operator needs.
            throw new InvalidValueException("cannot read " + shown + ": "
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
        }
        catch (IOException e) {
            throw new InvalidValueException("cannot read " + shown + ": " + Texts.abbreviate(String.valueOf(e.getMessage())));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void drawBar(PrintWriter progress, String name, int percent) {
        int filled = percent * BAR_WIDTH / 100;
        progress.print("\rreading " + name + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + percent + "%");
        progress.flush();
    }
}
