package dev.amsh.support;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Invocation;
import dev.amsh.vocabulary.Actor;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Runs command lines through the real parser, commands and executor, as the REPL does, and
 * captures what they print and their exit code.
 */
public class ShellHarness {

    private final CommandLineExecutor executor;

    public ShellHarness(CommandLineExecutor executor) {
        this.executor = executor;
    }

    /** The harness of an amsh context made by a test. */
    public static ShellHarness of(ConfigurableApplicationContext session) {
        return new ShellHarness(session.getBean(CommandLineExecutor.class));
    }

    /** What a command printed and returned. */
    public record Result(int exitCode, String out, String err) {

        /** Out and err together, as an operator sees them on a terminal. */
        public String screen() {
            return out + err;
        }
    }

    /** A line without a terminal (one-shot or script without a tty): nothing can be asked. */
    public Result run(String line) {
        StringWriter err = new StringWriter();
        return run(line, Invocation.unattended(Actor.of("test", line), new PrintWriter(err, true)), err);
    }

    /** A line on a terminal whose operator gives these answers to the questions asked, in order. */
    public Result runAnswering(String line, String... answers) {
        Deque<String> pending = new ArrayDeque<>(Arrays.asList(answers));
        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.interactive(Actor.of("test", line), new PrintWriter(err, true),
                question -> Optional.ofNullable(pending.poll()));
        return run(line, invocation, err);
    }

    /** A line on a terminal whose answer is produced when the question is asked (to change the catalog meanwhile). */
    public Result runAnswering(String line, Invocation.Prompter prompter) {
        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.interactive(Actor.of("test", line), new PrintWriter(err, true), prompter);
        return run(line, invocation, err);
    }

    /** OS-split words, as a one-shot command receives them. */
    public Result runWords(List<String> words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = executor.execute(words,
                new PrintWriter(out, true), Invocation.unattended(Actor.of("test", String.join(" ", words)),
                        new PrintWriter(err, true))).code();
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String line, Invocation invocation, StringWriter err) {
        StringWriter out = new StringWriter();
        int code = executor.execute(line, new PrintWriter(out, true), invocation).code();
        return new Result(code, out.toString(), err.toString());
    }
}
