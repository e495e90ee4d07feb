package dev.amsh.image.prune;

import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;
import org.springframework.boot.convert.DurationStyle;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --older-than} values: Spring Boot's simple form ({@code 90m}, {@code 12h}, {@code 30d}, also
 * {@code s}, {@code ms}, ...) plus weeks ({@code 2w}), or ISO-8601 such as {@code P30D}.
 */
public final class Durations {

    /**
     * A number and a lower-case unit. Spring would also read a bare {@code 30} (as milliseconds) and
     * {@code 3M} (as minutes, where an operator may mean months): a prune must not guess either.
     */
    private static final Pattern SIMPLE = Pattern.compile("[0-9]+[a-z]{1,2}");
    private static final Pattern WEEKS = Pattern.compile("([0-9]+)w");
    /** Keeps {@code now - duration} a valid instant. */
    static final Duration LONGEST = Duration.ofDays(7 * 999_999L);

    private Durations() {
    }

    public static Duration parse(String text) {
        Duration duration = read(text);
        if (duration.isNegative()) {
            throw new InvalidValueException("--older-than must not be negative");
        }
        if (duration.compareTo(LONGEST) > 0) {
            throw new InvalidValueException("--older-than must be at most " + format(LONGEST));
        }
        return duration;
    }

    private static Duration read(String text) {
        try {
            Matcher weeks = WEEKS.matcher(text);
            if (weeks.matches()) {
                return Duration.ofDays(Math.multiplyExact(7, Long.parseLong(weeks.group(1))));
            }
            if (SIMPLE.matcher(text).matches()) {
                return DurationStyle.SIMPLE.parse(text);
            }
            if (DurationStyle.detect(text) == DurationStyle.ISO8601) {
                return DurationStyle.ISO8601.parse(text);
            }
        }
        catch (IllegalArgumentException | ArithmeticException e) {
            // An unknown unit, or a number too large to hold.
            throw notADuration(text);
        }
        throw notADuration(text);
    }

    private static InvalidValueException notADuration(String text) {
        return new InvalidValueException("--older-than takes a duration such as 30d, 12h, 90m, 2w or P30D, not '"
                + Texts.abbreviate(text) + "'");
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
