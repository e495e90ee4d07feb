package dev.amsh.command;

import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.DurationWords;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One run of a command: the words the parser read against its {@link CommandSpec}, where it
 * writes, the registry of commands (for help), and how it was invoked. The parser has already
 * checked option names and counts; values are checked here, where their meaning is known, and a
 * bad one is a {@link UsageException}.
 */
public record CommandCall(CommandWords words, PrintWriter out, CommandRegistry registry, Invocation invocation) {

    public CommandSpec spec() {
        return words.spec();
    }

    public Actor actor() {
        return invocation.actor();
    }

    /**
     * Shows how a change came out, as every change shows it: {@code applied} says what was done, and
     * {@code refused} why it was refused; a change the catalog overtook since it was shown is one
     * line. The exit status is done or refused.
     */
    public <T, R> ExitStatus report(ChangeOutcome<T, R> outcome, Consumer<T> applied, Consumer<List<R>> refused) {
        if (outcome instanceof ChangeOutcome.Applied<T, R> done) {
            applied.accept(done.change());
            return Exit.DONE;
        }
        if (outcome instanceof ChangeOutcome.ChangedSinceShown<T, R> changed) {
            invocation.err().println("error: nothing removed: " + changed.what());
            return Exit.REFUSED;
        }
        refused.accept(outcome.refusals());
        return Exit.REFUSED;
    }

    /** The positional argument declared under {@code name}, if given. */
    public Optional<String> argument(String name) {
        List<ArgumentSpec> arguments = spec().arguments();
        for (int i = 0; i < arguments.size(); i++) {
            if (arguments.get(i).name().equals(name)) {
                return i < words.positionals().size() ? Optional.of(words.positionals().get(i)) : Optional.empty();
            }
        }
        throw new IllegalArgumentException(spec().name() + " declares no argument " + name);
    }

    /** A required positional argument; the parser guarantees it is there. */
    public String requiredArgument(String name) {
        return argument(name).orElseThrow(() -> new UsageException(
                "missing <" + name + ">; usage: " + spec().usage()));
    }

    public boolean flag(String longName) {
        return option(longName).isPresent();
    }

    public Optional<String> option(String longName) {
        OptionSpec declared = spec().optionByLongName(longName)
                .orElseThrow(() -> new IllegalArgumentException(spec().name() + " declares no option " + longName));
        return Optional.ofNullable(words.options().get(declared.longName()));
    }

    /** A non-negative integer option; anything else is a usage error naming the option. */
    public OptionalInt numberOption(String longName) {
        Optional<String> text = option(longName);
        if (text.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(parseNumber("--" + longName, text.get()));
    }

    /**
     * A duration option: a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 5m} or
     * {@code 1h} (a bare number is seconds); anything else is a usage error naming the option.
     */
    public Optional<Duration> durationOption(String longName) {
        return option(longName).map(text -> parseDuration("--" + longName, text));
    }

    static Duration parseDuration(String what, String text) {
        // A bare number is seconds here.
        return DurationWords.read(text.matches("[0-9]{1,9}") ? text + "s" : text).orElseThrow(() -> new UsageException(
                what + " takes a duration such as 30s, 5m or 1h, not '" + Texts.abbreviate(text) + "'"));
    }

    /** A choice option's value, or {@code fallback}; the parser has checked it is one of the choices. */
    public String choice(String longName, String fallback) {
        return option(longName).orElse(fallback);
    }

    static int parseNumber(String what, String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new UsageException(what + " takes a whole number 0 or more, not '" + Texts.abbreviate(text) + "'");
        }
        return Integer.parseInt(text);
    }
}
