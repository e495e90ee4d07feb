package dev.amsh.service;

import dev.amsh.catalog.Texts;
import dev.amsh.command.UsageException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code amsh serve}: the catalog's service in the foreground (for systemd), {@code serve --status}
 * and {@code serve --stop}; and the service a client starts in the background, which no operator
 * types. The dashboard's options after {@code serve --dashboard} are read by the dashboard.
 *
 * @param mode what to do
 * @param idle how long the service runs without a client before it stops; empty: until stopped
 */
public record ServeOptions(Mode mode, Optional<Duration> idle) {

    public enum Mode { FOREGROUND, BACKGROUND, STATUS, STOP }

    public static final String COMMAND = "serve";
    /** The word a client starts its background service with. */
    public static final String BACKGROUND_WORD = "__service";
    public static final String IDLE_VARIABLE = "AMSH_SERVICE_IDLE";
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);
    static final String USAGE = "usage: amsh [--catalog DIR] serve [--idle DURATION | --status | --stop"
            + " | --dashboard [--port N] [--listen ADDR --keystore FILE]]";
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

    /**
     * The serve command the words are, if they are one.
     *
     * @param env for {@code AMSH_SERVICE_IDLE}, the background service's idle time
     * @throws UsageException on other arguments
     */
    public static Optional<ServeOptions> parse(List<String> words, Map<String, String> env) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<String> arguments = words.subList(1, words.size());
        if (words.get(0).equals(BACKGROUND_WORD)) {
            Optional<Duration> idle = idle(arguments);
            return Optional.of(new ServeOptions(Mode.BACKGROUND, idle.isPresent() ? idle
                    : Optional.of(Optional.ofNullable(env.get(IDLE_VARIABLE)).filter(value -> !value.isBlank())
                            .map(ServeOptions::duration).orElse(DEFAULT_IDLE))));
        }
        if (!words.get(0).equals(COMMAND)) {
            return Optional.empty();
        }
        if (arguments.contains("--dashboard")) {
            // The dashboard reads the rest; it serves until stopped.
            return Optional.of(new ServeOptions(Mode.FOREGROUND, Optional.empty()));
        }
        if (arguments.equals(List.of("--status"))) {
            return Optional.of(new ServeOptions(Mode.STATUS, Optional.empty()));
        }
        if (arguments.equals(List.of("--stop"))) {
            return Optional.of(new ServeOptions(Mode.STOP, Optional.empty()));
        }
        return Optional.of(new ServeOptions(Mode.FOREGROUND, idle(arguments)));
    }

    private static Optional<Duration> idle(List<String> arguments) {
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        String first = arguments.get(0);
        if (arguments.size() == 2 && first.equals("--idle")) {
            return Optional.of(duration(arguments.get(1)));
        }
        if (arguments.size() == 1 && first.startsWith("--idle=")) {
            return Optional.of(duration(first.substring("--idle=".length())));
        }
        if (arguments.contains("--status") || arguments.contains("--stop")) {
            throw new UsageException("--status and --stop take no other option; " + USAGE);
        }
        throw new UsageException("serve does not take '" + Texts.abbreviate(String.join(" ", arguments))
                + "'; " + USAGE);
    }

    /** {@code 10m}, {@code 90s}, {@code 2h}: a whole number and a unit. */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new UsageException("the idle time takes a duration such as 10m, 90s or 2h, not '"
                    + Texts.abbreviate(text) + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
