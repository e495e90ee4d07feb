package dev.amsh.command;

import dev.amsh.catalog.Actor;
import org.springframework.shell.core.InputReader;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * How the running command was invoked: who and from where (for the audit log), where errors
 * go, and whether there is a terminal to ask a question on. Spring Shell hands each command a
 * {@link org.springframework.shell.core.command.CommandContext} whose input reader is this.
 */
public final class Invocation implements InputReader {

    /** Asks the operator a question on a terminal; answers the line typed, or empty at end of input. */
    @FunctionalInterface
    public interface Prompter {
        Optional<String> ask(String question);
    }

    private final Actor actor;
    private final PrintWriter err;
    private final Prompter prompter;
    private final boolean assumeYes;
    private final RemovalTally removals;

    private Invocation(Actor actor, PrintWriter err, Prompter prompter, boolean assumeYes, RemovalTally removals) {
        this.actor = actor;
        this.err = err;
        this.prompter = prompter;
        this.assumeYes = assumeYes;
        this.removals = removals;
    }

    /** Can ask questions on a terminal. */
    public static Invocation interactive(Actor actor, PrintWriter err, Prompter prompter) {
        return new Invocation(actor, err, prompter, false, new RemovalTally());
    }

    /** No terminal: a question cannot be asked, so what needs confirmation needs {@code --yes}. */
    public static Invocation unattended(Actor actor, PrintWriter err) {
        return new Invocation(actor, err, null, false, new RemovalTally());
    }

    /** As this one, but with every confirmation already given (a script run with {@code --yes}). */
    public Invocation assumingYes() {
        return new Invocation(actor, err, prompter, true, removals);
    }

    /** As this one, adding its removals to {@code tally} (a script run's summary). */
    public Invocation countingInto(RemovalTally tally) {
        return new Invocation(actor, err, prompter, assumeYes, tally);
    }

    /** Commands that remove something report it here, for summaries. */
    public void removed(long images, long versions, long bytes) {
        removals.add(images, versions, bytes);
    }

    public RemovalTally removals() {
        return removals;
    }

    public Actor actor() {
        return actor;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean canAsk() {
        return prompter != null;
    }

    public boolean assumeYes() {
        return assumeYes;
    }

    /** Asks on the terminal; empty when there is none or input ended. */
    public Optional<String> ask(String question) {
        return prompter == null ? Optional.empty() : prompter.ask(question);
    }

    /**
     * {@code Do you want to continue? [Y/n]}: an empty answer means yes, as the capital letter says;
     * no answer (end of input, Ctrl-C, no terminal) means no.
     */
    public boolean confirm() {
        return ask("Do you want to continue? [Y/n] ")
                .map(answer -> answer.strip().toLowerCase(java.util.Locale.ROOT))
                .map(answer -> answer.isEmpty() || answer.equals("y") || answer.equals("yes"))
                .orElse(false);
    }

    @Override
    public String readInput(String prompt) {
        return ask(prompt).orElse(null);
    }
}
