package dev.amsh.command.output;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The text of one table or CSV cell. */
final class Cells {

    private Cells() {
    }

    /** {@code null} is an empty cell; a collection is its items joined by commas ({@code 0,1,2}). */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(Cells::text).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?>) {
            throw new IllegalArgumentException("a map cannot be shown in one cell; use json or yaml");
        }
        if (value instanceof Boolean || value instanceof Number || Scalars.isText(value)) {
            return value.toString();
        }
        throw Scalars.unsupported(value);
    }

    static List<String> texts(List<?> values) {
        return values.stream().map(Cells::text).toList();
    }
}
