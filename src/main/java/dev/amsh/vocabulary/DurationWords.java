package dev.amsh.vocabulary;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reading of a duration an operator types, for every option that takes one: a whole
 * number and a lower-case unit ({@code 500ms}, {@code 90s}, {@code 10m}, {@code 12h}, {@code 30d},
 * {@code 2w}), or ISO-8601 ({@code P30D}, {@code PT36H}). Each option says in its own words what it
 * takes; a capital unit ({@code 3M}: minutes or months?) or a negative one is read as nothing.
 */
public final class DurationWords {

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("([0-9]{1,19})(ms|s|m|h|d|w)");

    private DurationWords() {
    }

    /** The duration {@code text} says, or empty when it is none, negative or too long to hold. */
    public static Optional<Duration> read(String text) {
        try {
            Matcher matcher = NUMBER_AND_UNIT.matcher(text);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return Optional.of(switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    default -> Duration.ofDays(Math.multiplyExact(7, amount));
                });
            }
            if (text.startsWith("P")) {
                return Optional.of(Duration.parse(text)).filter(duration -> !duration.isNegative());
            }
        }
        catch (NumberFormatException | ArithmeticException | DateTimeParseException tooLongOrNone) {
            // said by the caller, in the option's words
        }
        return Optional.empty();
    }
}
