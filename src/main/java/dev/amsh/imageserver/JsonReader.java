package dev.amsh.imageserver;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for the image server index: amsh adds no JSON library
 * for one small document. Values come back as plain Java: {@code Map<String, Object>} (in
 * document order), {@code List<Object>}, {@code String}, {@code BigDecimal}, {@code Boolean},
 * and {@code null} for JSON null.
 *
 * <p>Strict means: only the four JSON whitespace characters, no comments, no trailing commas,
 * no leading zeros, no unescaped control characters in strings, nothing after the value, and
 * no key twice in one object (which value would win is not defined). Nesting is bounded, so a
 * hostile document cannot exhaust the stack.
 */
public final class JsonReader {

    static final int MAX_DEPTH = 64;

    private final String text;
    private int position;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /** A document that is not JSON; the message says where (line and column) and what was expected. */
    public static final class JsonSyntaxException extends Exception {

        JsonSyntaxException(String message) {
            super(message);
        }
    }

    public static Object read(String text) throws JsonSyntaxException {
        JsonReader reader = new JsonReader(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.position < text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the end of the document");
        }
        return value;
    }

    /** How a value is called in messages: {@code an object}, {@code a string}, ... */
    public static String kindOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof BigDecimal) {
            return "a number";
        }
        return "a boolean";
    }

    private Object value() throws JsonSyntaxException {
        if (position >= text.length()) {
            throw error("unexpected end of the document, expected a value");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || c >= '0' && c <= '9') {
                    yield number();
                }
                throw error("unexpected " + describeNext() + ", expected a value");
            }
        };
    }

    private Map<String, Object> object() throws JsonSyntaxException {
        enter();
        position++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            position++;
            depth--;
            return members;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("unexpected " + describeNext() + ", expected a member name in double quotes");
            }
            int keyStart = position;
            String key = string();
            if (members.containsKey(key)) {
                position = keyStart;
                throw error("duplicate member name \"" + key + "\"");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            members.put(key, value());
            skipWhitespace();
            char next = peek();
            if (next == ',') {
                position++;
            }
            else if (next == '}') {
                position++;
                depth--;
                return members;
            }
            else {
                throw error("unexpected " + describeNext() + ", expected ',' or '}'");
            }
        }
    }

    private List<Object> array() throws JsonSyntaxException {
        enter();
        position++;
        List<Object> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            position++;
            depth--;
            return elements;
        }
        while (true) {
            skipWhitespace();
            elements.add(value());
            skipWhitespace();
            char next = peek();
            if (next == ',') {
                position++;
            }
            else if (next == ']') {
                position++;
                depth--;
                return elements;
            }
            else {
                throw error("unexpected " + describeNext() + ", expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonSyntaxException {
        position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("unexpected end of the document inside a string");
            }
            char c = text.charAt(position);
            if (c == '"') {
                position++;
                return value.toString();
            }
            if (c < 0x20) {
                throw error("control character U+" + String.format("%04X", (int) c) + " in a string must be escaped");
            }
            if (c != '\\') {
                value.append(c);
                position++;
                continue;
            }
            position++;
            if (position >= text.length()) {
                throw error("unexpected end of the document inside a string");
            }
            char escaped = text.charAt(position);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    value.append(unicodeEscape());
                    continue;
                }
                default -> {
                    position--;
                    throw error("invalid escape \\" + printable(escaped) + " in a string");
                }
            }
            position++;
        }
    }

    /** The four hex digits after {@code \\u}; leaves the position after them. */
    private char unicodeEscape() throws JsonSyntaxException {
        int start = position + 1;
        if (start + 4 > text.length()) {
            throw error("unexpected end of the document inside a \\u escape");
        }
        int code = 0;
        for (int i = start; i < start + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                position = i;
                throw error("invalid \\u escape: expected 4 hex digits");
            }
            code = code * 16 + digit;
        }
        position = start + 4;
        return (char) code;
    }

    private BigDecimal number() throws JsonSyntaxException {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
            if (isDigit(peek())) {
                throw error("a number must not start with 0");
            }
        }
        else {
            digits("a digit");
        }
        if (peek() == '.') {
            position++;
            digits("a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            digits("a digit in the exponent");
        }
        try {
            return new BigDecimal(text.substring(start, position));
        }
        catch (NumberFormatException e) {
            position = start;
            throw error("number out of range");
        }
    }

    private void digits(String expected) throws JsonSyntaxException {
        if (!isDigit(peek())) {
            throw error("unexpected " + describeNext() + ", expected " + expected);
        }
        while (isDigit(peek())) {
            position++;
        }
    }

    private Object literal(String word, Object value) throws JsonSyntaxException {
        if (!text.startsWith(word, position)) {
            throw error("unexpected " + describeNext() + ", expected a value");
        }
        position += word.length();
        return value;
    }

    private void enter() throws JsonSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void expect(char wanted) throws JsonSyntaxException {
        if (peek() != wanted) {
            throw error("unexpected " + describeNext() + ", expected '" + wanted + "'");
        }
        position++;
    }

    private void skipWhitespace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    /** The next character, or U+0000 at the end (never valid where a peek is made). */
    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describeNext() {
        return position >= text.length() ? "end of the document" : "'" + printable(text.charAt(position)) + "'";
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("U+%04X", (int) c) : String.valueOf(c);
    }

    private JsonSyntaxException error(String what) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(position, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonSyntaxException("line " + line + ", column " + (position - lineStart + 1) + ": " + what);
    }
}
