package dev.amsh.command.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats a command can print its result in ({@code --format table|json|yaml|csv}). */
public enum OutputFormat {
    TABLE, JSON, YAML, CSV;

    /** The name operators type after {@code --format}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OutputFormat> parse(String text) {
        return Arrays.stream(values()).filter(f -> f.wireName().equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
