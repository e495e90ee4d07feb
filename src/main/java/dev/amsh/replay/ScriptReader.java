package dev.amsh.replay;

import dev.amsh.vocabulary.InvalidValueException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a script: one command a line, {@code #} starts a comment line, blank lines are skipped, a
 * trailing {@code \} joins the next line, CRLF endings are accepted. A script that is missing,
 * unreadable, binary or too large is refused whole before any line runs.
 */
public final class ScriptReader {

    /** A cleanup script of a million lines is still far below this; a mistaken binary is not. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private ScriptReader() {
    }

    public static List<ScriptLine> read(String source, InputStream in) {
        try {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InvalidValueException("script " + source + " is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return parse(source, decode(source, bytes));
        }
        catch (IOException e) {
            throw new InvalidValueException("cannot read script " + source + ": " + e.getMessage());
        }
    }

    public static List<ScriptLine> read(Path file) {
        return read(file.toString(), file);
    }

    /** The script in {@code file}, its lines named by {@code source}: the path as the operator typed it. */
    public static List<ScriptLine> read(String source, Path file) {
        if (Files.isDirectory(file)) {
            throw new InvalidValueException("cannot read script " + source + ": it is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(source, in);
        }
        catch (NoSuchFileException e) {
            throw new InvalidValueException("cannot read script " + source + ": no such file");
        }
        catch (IOException e) {
            throw new InvalidValueException("cannot read script " + source + ": " + e.getMessage());
        }
    }

    /**
     * Strict UTF-8 without NUL bytes: anything else is not a script, and running part of it would be worse.
     * A byte order mark (editors on Windows write one) is not part of the first command.
     */
    private static String decode(String source, byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new InvalidValueException("script " + source + " looks binary (it contains NUL bytes)");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
        }
        catch (CharacterCodingException e) {
            throw new InvalidValueException("script " + source + " is not UTF-8 text");
        }
    }

    static List<ScriptLine> parse(String source, String text) {
        List<ScriptLine> commands = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder pending = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (pending == null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                pending = new StringBuilder();
                start = i + 1;
            }
            // A joined line reads (and is echoed and audited) with one space where the lines met.
            String piece = pending.isEmpty() ? line : line.stripLeading();
            if (piece.endsWith("\\")) {
                pending.append(piece.substring(0, piece.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            pending.append(piece);
            commands.add(new ScriptLine(source, start, pending.toString().strip()));
            pending = null;
        }
        if (pending != null && !pending.toString().isBlank()) {
            commands.add(new ScriptLine(source, start, pending.toString().strip()));
        }
        return commands;
    }
}
