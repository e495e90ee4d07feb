package dev.amsh.replay;

import dev.amsh.catalog.CommandScope;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Invocation;
import dev.amsh.command.TerminalWriter;
import dev.amsh.image.DeletionBatch;
import dev.amsh.image.rules.DeletionDecision;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plain {@code image delete} lines of a run in one transaction (atomic or dry), decided together: each
 * run of consecutive such lines is decided and applied when the run reaches its first line, in a savepoint
 * of its own, and each of its lines then prints and counts its outcome when its turn comes. Every other
 * line, and a delete the batch leaves to run alone, takes the line-by-line way; a run of deletes planned
 * after it sees what it did.
 */
final class PlannedDeletes {

    /** What a line decided with others prints when its turn comes, and its exit status. */
    @FunctionalInterface
    private interface Outcome {
        ExitStatus report();
    }

    private final DeletionBatch batch;
    private final CommandLineExecutor failures;
    private final TransactionTemplate savepoint;
    private final List<ScriptLine> lines;
    private final Function<ScriptLine, Invocation> invocations;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Duration lockTimeout;
    private final boolean stopAtRefusal;
    /** Each line looked at, as a delete call or not: a line the planner stops before is not read twice. */
    private final Map<Integer, Optional<CommandCall>> parsed = new HashMap<>();
    private final Map<Integer, Outcome> decided = new HashMap<>();
    /** Lines before it were looked at by the planner: decided, or left to run alone. */
    private int lookedAt;

    PlannedDeletes(DeletionBatch batch, CommandLineExecutor failures, TransactionTemplate savepoint, List<ScriptLine> lines,
            Function<ScriptLine, Invocation> invocations, PrintWriter out, PrintWriter err, Duration lockTimeout,
            boolean stopAtRefusal) {
        this.batch = batch;
        this.failures = failures;
        this.savepoint = savepoint;
        this.lines = lines;
        this.invocations = invocations;
        this.out = TerminalWriter.guard(out);
        this.err = err;
        this.lockTimeout = lockTimeout;
        this.stopAtRefusal = stopAtRefusal;
    }

    /**
     * The outcome of line {@code index} when it was decided with others: {@code echo} runs, then the outcome
     * prints. Empty, with nothing printed, when the line runs alone.
     */
    Optional<ExitStatus> run(int index, Runnable echo) {
        if (index >= lookedAt) {
            plan(index);
        }
        Outcome line = decided.remove(index);
        if (line == null) {
            return Optional.empty();
        }
        echo.run();
        return Optional.of(line.report());
    }

    private void plan(int from) {
        List<CommandCall> calls = new ArrayList<>();
        for (int next = from; next < lines.size(); next++) {
            ScriptLine line = lines.get(next);
            Optional<CommandCall> call = parsed.computeIfAbsent(next,
                    index -> batch.plainDelete(line.text(), out, invocations.apply(line)));
            if (call.isEmpty()) {
                break;
            }
            calls.add(call.get());
        }
        if (calls.isEmpty()) {
            lookedAt = from + 1;
            return;
        }
        List<DeletionDecision> decisions;
        try {
            // Ctrl-C stops the run between lines: the batch is one step, and an interrupted run rolls it back.
            decisions = CommandScope.asOneStep(() -> CommandScope.withLockWaits(err, lockTimeout,
                    () -> savepoint.execute(status -> batch.deleteInOrder(calls, stopAtRefusal))));
        }
        catch (RuntimeException failed) {
            // Nothing of the batch is left (its savepoint, or the whole transaction, rolled back). Its first
            // line took the batch's locks, so it fails as it would have alone (a lock waited for in vain, a
            // lost transaction); the lines after it are planned again when the run reaches them.
            CommandCall first = calls.get(0);
            // Where the database ended the whole transaction, the savepoint's rollback fails too, and the
            // batch's own failure is the one to tell.
            Throwable cause = failed instanceof TransactionSystemException lost && lost.getApplicationException() != null
                    ? lost.getApplicationException() : failed;
            parsed.remove(from);
            decided.put(from, () -> failures.failed(first.invocation(), cause));
            lookedAt = from + 1;
            return;
        }
        for (int line = 0; line < decisions.size(); line++) {
            CommandCall call = calls.get(line);
            DeletionDecision decision = decisions.get(line);
            parsed.remove(from + line);
            decided.put(from + line, () -> batch.report(call, decision));
        }
        // The line the planner stopped before runs alone; planning starts again after it.
        lookedAt = from + decisions.size() + (decisions.size() < calls.size() ? 1 : 0);
    }
}
