package dev.amsh.transfer;

import dev.amsh.vocabulary.InvalidValueException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of a catalog file, read with bounds: a line longer than any row a catalog can hold, or a
 * file larger than {@link #MAX_FILE_BYTES}, stops the read at once instead of filling the memory
 * ({@code /dev/zero}, a file of one endless line). Only a regular file is read, and only as UTF-8.
 */
final class CatalogFileLines implements Closeable {

    /** Above the longest row: an audit event's texts, every character written as a six-character JSON escape. */
    static final int MAX_LINE_CHARS = 512 * 1024;
    static final long MAX_FILE_BYTES = 8L * 1024 * 1024 * 1024;

    /** A line past a bound, or not text. */
    static final class BadLine extends IOException {
        private final int lineNumber;

        BadLine(int lineNumber, String message) {
            super(message);
            this.lineNumber = lineNumber;
        }

        int lineNumber() {
            return lineNumber;
        }
    }

    private final CountingStream bytes;
    private final BufferedReader in;
    private final StringBuilder line = new StringBuilder();
    private int lineNumber;

    private CatalogFileLines(InputStream stream) {
        this.bytes = new CountingStream(stream);
        this.in = new BufferedReader(new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    static CatalogFileLines open(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new InvalidValueException("cannot read " + file + ": not a regular file; nothing was imported");
        }
        return new CatalogFileLines(Files.newInputStream(file));
    }

    /** The next line without its end (LF or CRLF), or null at the end of the file. */
    String next() throws IOException {
        line.setLength(0);
        lineNumber++;
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (line.length() == MAX_LINE_CHARS) {
                    throw new BadLine(lineNumber, "the line is longer than " + MAX_LINE_CHARS
                            + " characters, more than any catalog row");
                }
                if (bytes.count > MAX_FILE_BYTES) {
                    throw new BadLine(lineNumber, "the file is larger than " + (MAX_FILE_BYTES >> 30) + " GiB");
                }
                line.append((char) c);
            }
            if (c < 0 && line.isEmpty()) {
                lineNumber--;
                return null;
            }
        }
        catch (CharacterCodingException e) {
            throw new BadLine(lineNumber, "not UTF-8 text");
        }
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
    }

    /** The number of the line {@link #next()} returned last. */
    int lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }
    }
}
