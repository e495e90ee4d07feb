package dev.amsh.image.prune;

import dev.amsh.catalog.InvalidValueException;
import dev.amsh.catalog.Texts;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --older-than} values: {@code 90m}, {@code 12h}, {@code 30d}, {@code 2w}, or ISO-8601 such as {@code P30D}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,6})([mhdw])");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher short_ = SHORT.matcher(text);
        if (short_.matches()) {
            long amount = Long.parseLong(short_.group(1));
            return switch (short_.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofDays(amount * 7);
            };
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw new InvalidValueException("--older-than must not be negative");
            }
            return duration;
        }
        catch (DateTimeParseException e) {
            throw new InvalidValueException("--older-than takes a duration such as 30d, 12h, 90m, 2w or P30D, not '"
                    + Texts.abbreviate(text) + "'");
        }
    }

    /** {@code 30d} rather than {@code PT720H}. */
    public static String format(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes % (7 * 24 * 60) == 0 && minutes > 0) {
            return minutes / (7 * 24 * 60) + "w";
        }
        if (minutes % (24 * 60) == 0 && minutes > 0) {
            return minutes / (24 * 60) + "d";
        }
        if (minutes % 60 == 0 && minutes > 0) {
            return minutes / 60 + "h";
        }
        return minutes + "m";
    }
}
