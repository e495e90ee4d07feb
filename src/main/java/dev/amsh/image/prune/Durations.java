package dev.amsh.image.prune;

import dev.amsh.vocabulary.DurationWords;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;

import java.time.Duration;

/** {@code --older-than} values, as {@link DurationWords} reads them, from none to the longest a prune can go back. */
public final class Durations {

    /** Keeps {@code now - duration} a valid instant. */
    static final Duration LONGEST = Duration.ofDays(7 * 999_999L);

    private Durations() {
    }

    public static Duration parse(String text) {
        Duration duration = read(text);
        if (duration.compareTo(LONGEST) > 0) {
            throw new InvalidValueException("--older-than must be at most " + format(LONGEST));
        }
        return duration;
    }

    private static Duration read(String text) {
        return DurationWords.read(text).orElseThrow(() -> notADuration(text));
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
