package dev.amsh.service;

import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.CommandWords;
import dev.amsh.command.Help;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.UnknownOptionException;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueKind;
import dev.amsh.dashboard.DashboardOptions;
import dev.amsh.vocabulary.DurationWords;
import dev.amsh.vocabulary.Texts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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

    public static final CommandSpec DESCRIPTION = new CommandSpec(COMMAND,
            "Run the catalog's service in the foreground (for systemd) until stopped", List.of(),
            Stream.concat(Stream.of(
                    OptionSpec.value("idle", ValueKind.TEXT, "stop after this long without a client (10m, 90s, 2h)")
                            .labelled("DURATION"),
                    OptionSpec.flag("status", "who serves the catalog and who is connected"),
                    OptionSpec.flag("stop", "stop the catalog's service"),
                    OptionSpec.flag("dashboard", "serve the dashboard too, with the options below")),
                    DashboardOptions.OPTIONS.stream()).toList(),
            CatalogAccess.READS).withNotes(List.of(USAGE));

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
            Optional<Duration> idle = Optional.ofNullable(read(arguments).options().get("idle"))
                    .map(ServeOptions::duration);
            return Optional.of(new ServeOptions(Mode.BACKGROUND, idle.isPresent() ? idle
                    : Optional.of(Optional.ofNullable(env.get(IDLE_VARIABLE)).filter(value -> !value.isBlank())
                            .map(ServeOptions::duration).orElse(DEFAULT_IDLE))));
        }
        if (!words.get(0).equals(COMMAND)) {
            return Optional.empty();
        }
        CommandWords read = read(arguments);
        if (read.given("dashboard")) {
            // The dashboard reads the rest; it serves until stopped.
            return Optional.of(new ServeOptions(Mode.FOREGROUND, Optional.empty()));
        }
        if ((read.given("status") || read.given("stop")) && read.options().size() > 1) {
            throw new UsageException("--status and --stop take no other option; " + USAGE);
        }
        DashboardOptions.OPTIONS.stream().filter(option -> read.given(option.longName())).findFirst()
                .ifPresent(option -> {
                    throw new UsageException("--" + option.longName() + " goes with --dashboard; " + USAGE);
                });
        if (read.given("status")) {
            return Optional.of(new ServeOptions(Mode.STATUS, Optional.empty()));
        }
        if (read.given("stop")) {
            return Optional.of(new ServeOptions(Mode.STOP, Optional.empty()));
        }
        return Optional.of(new ServeOptions(Mode.FOREGROUND,
                Optional.ofNullable(read.options().get("idle")).map(ServeOptions::duration)));
    }

    /**
     * The help of a word amsh runs before any shell, {@code serve} or {@code dashboard}, when the
     * words ask for it ({@code --help} or {@code -h}).
     */
    public static Optional<String> help(List<String> words) {
        if (words.isEmpty() || !CommandWords.asksForHelp(words.subList(1, words.size()))) {
            return Optional.empty();
        }
        return Stream.of(DESCRIPTION, DashboardOptions.DESCRIPTION).filter(spec -> spec.name().equals(words.get(0)))
                .findFirst().map(Help::describe);
    }

    private static CommandWords read(List<String> arguments) {
        try {
            return CommandWords.read(DESCRIPTION, arguments);
        }
        catch (UnknownOptionException e) {
            throw new UsageException("serve does not take '" + Texts.abbreviate(e.option()) + "'"
                    + e.closest().map(name -> "; did you mean --" + name + "?").orElse("") + "; " + USAGE);
        }
    }

    /** {@code 10m}, {@code 90s}, {@code 2h}: as every duration option is read. */
    static Duration duration(String text) {
        return DurationWords.read(text).orElseThrow(() -> new UsageException(
                "the idle time takes a duration such as 10m, 90s or 2h, not '" + Texts.abbreviate(text) + "'"));
    }
}
