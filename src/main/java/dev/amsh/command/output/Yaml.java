package dev.amsh.command.output;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders the same trees as {@link Json} as block-style YAML: maps as {@code key: value} lines,
 * collections as {@code - item} lines, lists of maps as {@code - key: value} blocks. Map keys may also
 * be whole numbers ({@code Integer}, {@code Long}), which JSON cannot have. For long listings
 * use {@link YamlSequenceWriter}.
 */
public final class Yaml {

    /**
     * Strings printed without quotes: they start with a letter and use only characters that mean nothing
     * to YAML, so {@code :}, {@code #}, leading digits (numbers, dates, versions) and surrounding spaces
     * all lead to quoting. Deliberately stricter than YAML requires: a needless quote is harmless.
     */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z]([A-Za-z0-9_./+ -]*[A-Za-z0-9_./+-])?");

    /** Words a YAML 1.1 reader (snakeyaml among them) turns into booleans or null; compared ignoring case. */
    private static final Set<String> RESERVED_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n",
            "null");

    private static final String INDENT = "  ";

    private Yaml() {
    }

    /** The YAML text of a value, ending with a newline. */
    public static String render(Object value) {
        StringBuilder yaml = new StringBuilder();
        appendBlock(value, 0, yaml);
        return yaml.toString();
    }

    public static void print(Object value, PrintWriter out) {
        out.write(render(value));
        out.flush();
    }

    /**
     * Appends {@code value} with the cursor already at column {@code column}: at the start of a line
     * after its indentation, or just after a {@code "- "}. Every line written ends with a newline.
     */
    static void appendBlock(Object value, int column, StringBuilder yaml) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    yaml.append(" ".repeat(column));
                }
                first = false;
                yaml.append(key(entry.getKey())).append(':');
                appendEntryValue(entry.getValue(), column, yaml);
            }
        } else if (value instanceof Collection<?> collection && !collection.isEmpty()) {
            boolean first = true;
            for (Object item : collection) {
                if (!first) {
                    yaml.append(" ".repeat(column));
                }
                first = false;
                yaml.append("- ");
                appendBlock(item, column + 2, yaml);
            }
        } else {
            yaml.append(scalar(value)).append('\n');
        }
    }

    private static void appendEntryValue(Object value, int keyColumn, StringBuilder yaml) {
        boolean nestedBlock = (value instanceof Map<?, ?> map && !map.isEmpty())
                || (value instanceof Collection<?> collection && !collection.isEmpty());
        if (nestedBlock) {
            yaml.append('\n').append(" ".repeat(keyColumn)).append(INDENT);
            appendBlock(value, keyColumn + INDENT.length(), yaml);
        } else {
            yaml.append(' ').append(scalar(value)).append('\n');
        }
    }

    /**
     * A mapping key: a string as {@link #string} writes it, or a whole number written plain, so that
     * {@code 0:} reads back as the number 0 (JSON has string keys only, so {@link Json} refuses numbers).
     */
    private static String key(Object key) {
        if (key instanceof Integer || key instanceof Long) {
            return key.toString();
        }
        return string(Json.key(key));
    }

    /** A leaf value, or an empty map or collection, written on one line. */
    private static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return Scalars.numberLiteral(number);
        }
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof Collection<?>) {
            return "[]";
        }
        if (Scalars.isText(value)) {
            return string(Scalars.text(value));
        }
        throw Scalars.unsupported(value);
    }

    /** A string plain when that is unambiguous, else double-quoted (JSON escapes are valid YAML escapes). */
    static String string(String text) {
        if (PLAIN_SAFE.matcher(text).matches() && !RESERVED_WORDS.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        return Json.render(text);
    }
}
