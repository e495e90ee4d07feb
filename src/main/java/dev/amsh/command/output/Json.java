package dev.amsh.command.output;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON writer for trees of {@code Map<String, ?>} (printed in iteration order, so pass a
 * {@code LinkedHashMap}), collections, strings, numbers, booleans, {@code null}, {@code Instant}s and enums.
 * Output is pretty-printed with two-space indentation. For long listings use {@link JsonArrayWriter}.
 */
public final class Json {

    private static final String INDENT = "  ";

    private Json() {
    }

    /** The JSON text of a value, without a trailing newline. */
    public static String render(Object value) {
        StringBuilder json = new StringBuilder();
        append(value, 0, json);
        return json.toString();
    }

    /** Prints the JSON text of a value followed by a newline. */
    public static void print(Object value, PrintWriter out) {
        out.write(render(value));
        out.write('\n');
        out.flush();
    }

    /** Appends {@code value} as it stands at nesting {@code depth}; its first line is not indented. */
    static void append(Object value, int depth, StringBuilder json) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof Boolean) {
            json.append(value);
        } else if (value instanceof Number number) {
            json.append(Scalars.numberLiteral(number));
        } else if (Scalars.isText(value)) {
            appendQuoted(Scalars.text(value), json);
        } else if (value instanceof Map<?, ?> map) {
            appendObject(map, depth, json);
        } else if (value instanceof Collection<?> collection) {
            appendArray(collection, depth, json);
        } else {
            throw Scalars.unsupported(value);
        }
    }

    private static void appendObject(Map<?, ?> map, int depth, StringBuilder json) {
        if (map.isEmpty()) {
            json.append("{}");
            return;
        }
        json.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            indent(depth + 1, json);
            appendQuoted(key(entry.getKey()), json);
            json.append(": ");
            append(entry.getValue(), depth + 1, json);
            json.append(entries.hasNext() ? ",\n" : "\n");
        }
        indent(depth, json);
        json.append('}');
    }

    private static void appendArray(Collection<?> collection, int depth, StringBuilder json) {
        if (collection.isEmpty()) {
            json.append("[]");
            return;
        }
        json.append("[\n");
        Iterator<?> elements = collection.iterator();
        while (elements.hasNext()) {
            indent(depth + 1, json);
            append(elements.next(), depth + 1, json);
            json.append(elements.hasNext() ? ",\n" : "\n");
        }
        indent(depth, json);
        json.append(']');
    }

    static String key(Object key) {
        if (key instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("map keys must be strings, not " + (key == null ? "null" : key.getClass().getName()));
    }

    static void indent(int depth, StringBuilder json) {
        json.append(INDENT.repeat(depth));
    }

    /**
     * Appends a double-quoted string. Besides what JSON requires (quote, backslash, C0 controls),
     * DEL, C1 controls, U+2028/U+2029 (line breaks to JavaScript) and the non-characters U+FFFE/U+FFFF
     * are escaped too: JSON allows it, a terminal is not fed control sequences, and the result is
     * also a valid YAML double-quoted scalar, which {@link Yaml} relies on.
     */
    static void appendQuoted(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (needsUnicodeEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsUnicodeEscape(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufffe'
                || c == '\uffff';
    }
}
