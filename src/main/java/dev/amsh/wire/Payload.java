package dev.amsh.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A frame's fields in order: ints and longs big-endian, a boolean as one byte, a string as an
 * int length and that many bytes of UTF-8, a list of strings as an int count and the strings.
 * Nothing else, so nothing on the wire is ever turned into an object other than these.
 */
public final class Payload {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    public Payload putInt(int value) {
        try {
            out.writeInt(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Payload putLong(long value) {
        try {
            out.writeLong(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Payload putBoolean(boolean value) {
        try {
            out.writeBoolean(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Payload putString(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        putInt(text.length);
        bytes.writeBytes(text);
        return this;
    }

    public Payload putStrings(List<String> values) {
        putInt(values.size());
        values.forEach(this::putString);
        return this;
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }

    /** Reads a payload's fields in the order they were put; a payload that does not hold them is malformed. */
    public static final class Reader {

        private final ByteBuffer buffer;

        Reader(byte[] payload) {
            this.buffer = ByteBuffer.wrap(payload);
        }

        public int getInt() {
            try {
                return buffer.getInt();
            }
            catch (BufferUnderflowException e) {
                throw new MalformedFrameException("a frame ended early");
            }
        }

        public long getLong() {
            try {
                return buffer.getLong();
            }
            catch (BufferUnderflowException e) {
                throw new MalformedFrameException("a frame ended early");
            }
        }

        public boolean getBoolean() {
            try {
                byte value = buffer.get();
                if (value != 0 && value != 1) {
                    throw new MalformedFrameException("a boolean was " + value);
                }
                return value == 1;
            }
            catch (BufferUnderflowException e) {
                throw new MalformedFrameException("a frame ended early");
            }
        }

        public String getString() {
            int length = getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new MalformedFrameException("a string's length " + length + " does not fit its frame");
            }
            ByteBuffer text = buffer.slice(buffer.position(), length);
            buffer.position(buffer.position() + length);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(text).toString();
            }
            catch (CharacterCodingException e) {
                throw new MalformedFrameException("a string is not UTF-8");
            }
        }

        public List<String> getStrings() {
            int count = getInt();
            // Each string takes at least its four length bytes: a larger count cannot be honest.
            if (count < 0 || count > buffer.remaining() / Integer.BYTES) {
                throw new MalformedFrameException("a list's count " + count + " does not fit its frame");
            }
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(getString());
            }
            return values;
        }

        /** Says a frame with bytes left over after its last field is malformed. */
        public void end() {
            if (buffer.hasRemaining()) {
                throw new MalformedFrameException("a frame has " + buffer.remaining() + " bytes too many");
            }
        }
    }
}
