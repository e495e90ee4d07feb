package dev.amsh.command.output;

import java.time.Instant;

/** How the leaf values of a rendered tree become text; shared so every format agrees. */
final class Scalars {

    private Scalars() {
    }

    /** Whether the value is printed as a string: strings, instants and enums. */
    static boolean isText(Object value) {
        return value instanceof String || value instanceof Instant || value instanceof Enum<?>;
    }

    /**
     * The text of a string-like value. Instants print as ISO-8601 ({@code 2024-01-01T00:00:00Z});
     * enums print through {@code toString}, which for the catalog's enums is their wire name.
     */
    static String text(Object value) {
        return value.toString();
    }

    /** A number as a JSON/YAML literal; NaN and infinities have none, so they are refused. */
    static String numberLiteral(Number number) {
        if ((number instanceof Double || number instanceof Float)
                && (Double.isNaN(number.doubleValue()) || Double.isInfinite(number.doubleValue()))) {
            throw new IllegalArgumentException("cannot render the number " + number);
        }
        return number.toString();
    }

    static IllegalArgumentException unsupported(Object value) {
        return new IllegalArgumentException("cannot render a value of type " + value.getClass().getName());
    }
}
