package dev.amsh.command;

import dev.amsh.vocabulary.Actor;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How the running command was invoked: who and from where (for the audit log), where errors
 * go, and whether there is a terminal to ask a question on. {@link CommandLineExecutor} hands it
 * to the command in its {@link CommandCall}.
 */
public final class Invocation {

    /** Asks the operator a question on a terminal; answers the line typed, or empty at end of input. */
    @FunctionalInterface
    public interface Prompter {
        Optional<String> ask(String question);

        /** A question whose answer is a secret: not shown as it is typed. */
        default Optional<String> askSecret(String question) {
            return ask(question);
        }
    }

    private final Actor actor;
    private final PrintWriter err;
    private final Prompter prompter;
    private final boolean assumeYes;
    private final boolean dryRun;
    private final RemovalTally removals;
    private final Client client;
    private final String whyItCannotAsk;
    private final boolean stackTraces;

    /**
     * Where the command was typed: relative paths are relative to its working directory, and
     * {@code -} is its standard input. A command run by the service is its client's, not the service's.
     */
    public record Client(Path workingDirectory, InputStream stdin) {

        /** This process's own. */
        public static Client thisProcess() {
            return new Client(Path.of("").toAbsolutePath(), System.in);
        }
    }

    private Invocation(Actor actor, PrintWriter err, Prompter prompter, boolean assumeYes, boolean dryRun,
            RemovalTally removals, Client client, String whyItCannotAsk, boolean stackTraces) {
        this.whyItCannotAsk = whyItCannotAsk;
        this.stackTraces = stackTraces;
        this.actor = actor;
        this.err = err;
        this.prompter = prompter;
        this.assumeYes = assumeYes;
        this.dryRun = dryRun;
        this.removals = removals;
        this.client = client;
    }

    /** Can ask questions on a terminal. */
    public static Invocation interactive(Actor actor, PrintWriter err, Prompter prompter) {
        return new Invocation(actor, err, prompter, false, false, new RemovalTally(), Client.thisProcess(), "", false);
    }

    /** No terminal: a question cannot be asked, so what needs confirmation needs {@code --yes}. */
    public static Invocation unattended(Actor actor, PrintWriter err) {
        return new Invocation(actor, err, null, false, false, new RemovalTally(), Client.thisProcess(),
                "there is no terminal to ask; add --yes", false);
    }

    /**
     * A script's line: never asks, even with a terminal at hand, so that a run goes the same way
     * attended or not; what needs confirmation needs {@code --yes} on the line or on the run.
     */
    public static Invocation scripted(Actor actor, PrintWriter err) {
        return new Invocation(actor, err, null, false, false, new RemovalTally(),
                Client.thisProcess(), "a script never asks; add --yes to the line, or run the script with --yes", false);
    }

    /** As this one, but with every confirmation already given (a script run with {@code --yes}). */
    public Invocation assumingYes() {
        return new Invocation(actor, err, prompter, true, dryRun, removals, client, whyItCannotAsk, stackTraces);
    }

    /** As this one, inside a run whose changes are rolled back (a script's dry run): what is done is only "would be". */
    public Invocation rehearsing() {
        return new Invocation(actor, err, prompter, assumeYes, true, removals, client, whyItCannotAsk, stackTraces);
    }

    /** As this one, adding its removals to {@code tally} (a script run's summary). */
    public Invocation countingInto(RemovalTally tally) {
        return new Invocation(actor, err, prompter, assumeYes, dryRun, tally, client, whyItCannotAsk, stackTraces);
    }

    /** As this one, typed at {@code client}. */
    public Invocation from(Client client) {
        return new Invocation(actor, err, prompter, assumeYes, dryRun, removals, client, whyItCannotAsk, stackTraces);
    }

    /** As this one, its failure shown with its stack trace ({@code --debug} typed with it). */
    public Invocation showingStackTraces() {
        return new Invocation(actor, err, prompter, assumeYes, dryRun, removals, client, whyItCannotAsk, true);
    }

    /** Whether a failure is shown with its stack trace, as {@code --debug} asks. */
    public boolean showsStackTraces() {
        return stackTraces;
    }

    public Client client() {
        return client;
    }

    /** A path as the operator typed it, relative to where it was typed. */
    public Path path(String typed) {
        return client.workingDirectory().resolve(typed);
    }

    /** The standard input of the operator's command ({@code script -}). */
    public InputStream stdin() {
        return client.stdin();
    }

    /** As this one, its errors going to {@code errors} instead. */
    Invocation reportingTo(PrintWriter errors) {
        return errors == err ? this
                : new Invocation(actor, errors, prompter, assumeYes, dryRun, removals, client, whyItCannotAsk,
                        stackTraces);
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

    /** Why nothing can be asked here, with the remedy: {@code there is no terminal to ask; add --yes}. */
    public String whyItCannotAsk() {
        return whyItCannotAsk;
    }

    public boolean assumeYes() {
        return assumeYes;
    }

    /** Whether what the command does will be rolled back: it then says what it would do, not what it did. */
    public boolean dryRun() {
        return dryRun;
    }

    /** {@code removed}, or {@code would remove} in a dry run: the verb of a line saying what was removed. */
    public String removedVerb() {
        return dryRun ? "would remove" : "removed";
    }

    /** Asks on the terminal; empty when there is none or input ended. */
    public Optional<String> ask(String question) {
        return prompter == null ? Optional.empty() : prompter.ask(question);
    }

    /** Asks for a secret on the terminal, without echo; empty when there is none or input ended. */
    public Optional<String> askSecret(String question) {
        return prompter == null ? Optional.empty() : prompter.askSecret(question);
    }

    /** The question every confirmation asks, as amc asks it. */
    public static final String CONTINUE_QUESTION = "Do you want to continue? [Y/n]: ";

    /**
     * {@code Do you want to continue? [Y/n]:}: an empty answer means yes, as the capital letter says;
     * no answer (end of input, Ctrl-D, Ctrl-C, no terminal) means no; any other answer asks again,
     * so a typo never decides for the operator.
     */
    public boolean confirm() {
        while (true) {
            Optional<String> answer = ask(CONTINUE_QUESTION).map(text -> text.strip().toLowerCase(Locale.ROOT));
            if (answer.isEmpty()) {
                return false;
            }
            switch (answer.get()) {
                case "", "y", "yes" -> {
                    return true;
                }
                case "n", "no" -> {
                    return false;
                }
                default -> err.println("please answer y (yes) or n (no)");
            }
        }
    }
}
