package dev.amsh.command.output;

import dev.amsh.vocabulary.Texts;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * Writes trees of {@code Map<String, ?>} (printed in iteration order, so pass a {@code LinkedHashMap}),
 * collections, strings, numbers, booleans, {@code null}, {@code Instant}s and enums as JSON, pretty-printed
 * with two-space indentation. For long listings use {@link JsonArrayWriter}.
 *
 * <p>The tree is walked here rather than handed to Jackson's data binding, so that values without a JSON
 * form (other objects, NaN, non-string keys) are refused instead of serialized as beans or strings.
 */
public final class Json {

    private static final DefaultIndenter TWO_SPACES = new DefaultIndenter("  ", "\n");

    private static final ObjectWriter WRITER = JsonMapper.builder(JsonFactory.builder()
                    .characterEscapes(new TerminalSafeEscapes())
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .build())
            // The caller owns the writer: a generator neither closes it nor flushes it through to the terminal.
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build()
            .writer()
            .with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(TWO_SPACES)
                    .withArrayIndenter(TWO_SPACES));

    private Json() {
    }

    /** The JSON text of a value, without a trailing newline. */
    public static String render(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = generator(text)) {
            write(value, json);
        }
        return text.toString();
    }

    /** Prints the JSON text of a value followed by a newline. */
    public static void print(Object value, PrintWriter out) {
        out.write(render(value));
        out.write('\n');
        out.flush();
    }

    /** A pretty-printing generator onto {@code out}; closing it leaves {@code out} open. */
    static JsonGenerator generator(Writer out) {
        return WRITER.createGenerator(out);
    }

    static void write(Object value, JsonGenerator json) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof Number number) {
            json.writeNumber(Scalars.numberLiteral(number));
        } else if (Scalars.isText(value)) {
            json.writeString(Scalars.text(value));
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeName(key(entry.getKey()));
                write(entry.getValue(), json);
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            json.writeStartArray();
            for (Object element : collection) {
                write(element, json);
            }
            json.writeEndArray();
        } else {
            throw Scalars.unsupported(value);
        }
    }

    static String key(Object key) {
        if (key instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("map keys must be strings, not " + (key == null ? "null" : key.getClass().getName()));
    }

    /**
     * Besides what JSON requires (quote, backslash, C0 controls), DEL, C1 controls, U+2028/U+2029 (line
     * breaks to JavaScript), invisible format characters (bidi controls reorder the line on a terminal, zero-width
     * ones hide a difference) and the non-characters U+FFFE/U+FFFF are escaped too: JSON allows it, a terminal
     * is not fed control sequences, and a string is also a valid YAML double-quoted scalar, which
     * {@link Yaml} relies on.
     */
    private static final class TerminalSafeEscapes extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalSafeEscapes() {
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            boolean escaped = (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufffe' || c == '\uffff'
                    || (c <= Character.MAX_VALUE && Texts.isInvisibleFormat((char) c));
            return escaped ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
