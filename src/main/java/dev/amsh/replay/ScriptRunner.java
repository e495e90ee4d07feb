package dev.amsh.replay;

import dev.amsh.audit.AuditLog;
import dev.amsh.audit.Outcome;
import dev.amsh.catalog.CatalogSettings;
import dev.amsh.catalog.CommandScope;
import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Exit;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.command.LineTokenizer;
import dev.amsh.command.ProgressBar;
import dev.amsh.command.RemovalTally;
import dev.amsh.command.TerminalWriter;
import dev.amsh.image.DeletionBatch;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Replays a script through the same executor, parser and commands as the REPL.
 *
 * <p>Default: each line is its own transaction (the commands' own), and the run stops at the
 * first line that fails or is refused. {@code --atomic} and {@code --dry-run} wrap the run in one
 * transaction, each line in a savepoint so that a failed line leaves nothing behind for the next:
 * an atomic run commits only when every line succeeded; a dry run always rolls back, each line
 * having seen the lines before it.
 *
 * <p>Ctrl-C stops a run between lines: the line in progress ends as it would have (its transaction
 * commits or rolls back whole), the lines after it do not run, and an atomic run rolls back.
 */
@Service
public class ScriptRunner {

    /** Below this, a progress bar would only flicker. */
    static final int PROGRESS_MIN_LINES = 5;

    // The executor runs the commands, this one among them: looked up at run time, not at wiring.
    private final ObjectProvider<CommandLineExecutor> executor;
    private final TransactionTemplate wholeRun;
    private final TransactionTemplate perLine;
    private final AuditLog audit;
    private final Interruption interruption;
    private final DeletionBatch deletions;
    private final Duration lockTimeout;

    public ScriptRunner(ObjectProvider<CommandLineExecutor> executor, PlatformTransactionManager transactions,
            AuditLog audit, Interruption interruption, DeletionBatch deletions, CatalogSettings settings) {
        this.executor = executor;
        this.audit = audit;
        this.interruption = interruption;
        this.deletions = deletions;
        this.lockTimeout = settings.lockTimeout();
        this.wholeRun = new TransactionTemplate(transactions);
        this.perLine = new TransactionTemplate(transactions);
        this.perLine.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public ScriptSummary run(String source, List<ScriptLine> lines, ScriptOptions options, PrintWriter out,
            Invocation parent) {
        return interruption.stoppable(() -> runStoppably(source, lines, options, out, parent));
    }

    private ScriptSummary runStoppably(String source, List<ScriptLine> lines, ScriptOptions options, PrintWriter out,
            Invocation parent) {
        Run run = new Run(source, lines, options, out, parent, interruption);
        long started = System.nanoTime();
        boolean applied;
        if (options.dryRun() || options.atomic()) {
            applied = runInOneTransaction(run);
        }
        else {
            run.all(line -> runLine(run, line));
            applied = true;
        }
        run.progress.finish();
        ScriptSummary summary = new ScriptSummary(lines.size(), run.count, run.done, run.refused, run.failed,
                run.failures, run.removed, Duration.ofNanos(System.nanoTime() - started), run.stoppedAt, run.interrupted,
                applied, run.outcome);
        if (options.dryRun() || options.atomic() && !applied) {
            recordRun(parent, source, options, summary);
        }
        return summary;
    }

    private boolean runInOneTransaction(Run run) {
        try {
            Boolean committed = wholeRun.execute(status -> {
                PlannedDeletes planned = new PlannedDeletes(deletions, executor.getObject(), perLine, run.lines,
                        line -> invocationOf(run, line), run.out, run.err, lockTimeout, !run.options.continueOnError());
                run.all(line -> {
                    Optional<ExitStatus> decided = plannedLine(run, line, planned);
                    if (decided.isPresent()) {
                        return decided.get();
                    }
                    ExitStatus[] lineResult = {null};
                    try {
                        return perLine.execute(savepoint -> {
                            lineResult[0] = runLine(run, line);
                            if (lineResult[0].code() != 0) {
                                savepoint.setRollbackOnly();
                            }
                            return lineResult[0];
                        });
                    }
                    catch (TransactionException lost) {
                        // Derby undoes the whole transaction on a deadlock or an ended lock wait: nothing of
                        // the run is left. A line that failed has said why; its own line is the one to read.
                        run.transactionLost = true;
                        if (lineResult[0] != null && lineResult[0].code() != 0) {
                            return lineResult[0];
                        }
                        run.out.println("error: the run's transaction was lost at " + line.location() + ": "
                                + Texts.visible(Secrets.redact(lost.getMostSpecificCause().getMessage())));
                        return Exit.FAILED;
                    }
                });
                if (run.options.dryRun() || run.failed + run.refused > 0 || run.transactionLost || run.interrupted) {
                    status.setRollbackOnly();
                    return false;
                }
                return true;
            });
            return Boolean.TRUE.equals(committed);
        }
        catch (TransactionException | DataAccessException lost) {
            // The rollback of a transaction Derby ended already (its connection closed with it): nothing to undo.
            return false;
        }
    }

    /** A plain delete decided with the deletes around it: echoed, then its outcome printed, as a line run alone. */
    private static Optional<ExitStatus> plannedLine(Run run, ScriptLine line, PlannedDeletes planned) {
        Optional<ExitStatus> result = planned.run(run.count, () -> echo(run, line));
        run.out.flush();
        return result;
    }

    private static void echo(Run run, ScriptLine line) {
        run.out.println(Texts.visible(line.location() + "> " + Secrets.redact(line.text())));
        // Drawn again under the echo, so the bar is in sight while the line runs, until the line prints.
        run.progress.update(run.count);
    }

    private ExitStatus runLine(Run run, ScriptLine line) {
        echo(run, line);
        ExitStatus result;
        if (runsAScript(line.text())) {
            run.err.println("error: a script cannot run another script");
            result = Exit.REFUSED;
        }
        else {
            // Ctrl-C stops the run after this line, never inside it.
            Invocation invocation = invocationOf(run, line);
            result = CommandScope.asOneStep(() -> executor.getObject().execute(line.text(), run.out, invocation));
        }
        run.out.flush();
        return result;
    }

    private static Invocation invocationOf(Run run, ScriptLine line) {
        String origin = "script " + line.location() + (run.options.dryRun() ? " (dry run)" : "");
        Invocation invocation = Invocation.scripted(run.parent.actor().saying(origin, line.text()),
                run.err).countingInto(run.removed).from(run.parent.client());
        if (run.options.yes()) {
            invocation = invocation.assumingYes();
        }
        if (run.options.dryRun()) {
            invocation = invocation.rehearsing();
        }
        return invocation;
    }

    private static boolean runsAScript(String text) {
        List<String> words = LineTokenizer.tokenizePartial(text).words();
        int first = !words.isEmpty() && words.get(0).equals("amc") ? 1 : 0;
        return words.size() > first && (words.get(first).equals("script") || words.get(first).startsWith("@"));
    }

    /** A dry run and a rolled-back atomic run leave no line events; this one says what happened. */
    private void recordRun(Invocation parent, String source, ScriptOptions options, ScriptSummary summary) {
        String what = options.dryRun() ? "dry run of " + source + ": nothing changed"
                : "atomic run of " + source + ": nothing applied"
                        + summary.stoppedAt().map(line -> (summary.interrupted() ? ", interrupted at " : ", stopped at ")
                                + line.location()).orElse("");
        List<String> detail = new ArrayList<>();
        detail.add(what);
        detail.add(summary.describe());
        summary.failures().forEach(line -> detail.add("failed or refused: " + line.location() + "> " + line.text()));
        audit.record(parent.actor(), summary.succeeded() ? Outcome.DONE
                : summary.interrupted() ? Outcome.INTERRUPTED : options.dryRun() ? Outcome.REFUSED : Outcome.FAILED,
                detail);
    }

    /** The state of one run: counters, the lines that failed, where it stopped. */
    private static final class Run {

        final String source;
        final List<ScriptLine> lines;
        final ScriptOptions options;
        final Interruption interruption;
        /** Output and errors as the lines see them: above the progress bar. */
        final PrintWriter out;
        final PrintWriter err;
        final Invocation parent;
        final RemovalTally removed = new RemovalTally();
        final List<ScriptLine> failures = new ArrayList<>();
        final ProgressBar progress;
        int count;
        int done;
        int refused;
        int failed;
        boolean transactionLost;
        boolean interrupted;
        ExitStatus outcome = Exit.DONE;
        Optional<ScriptLine> stoppedAt = Optional.empty();

        Run(String source, List<ScriptLine> lines, ScriptOptions options, PrintWriter out, Invocation parent,
                Interruption interruption) {
            this.source = source;
            this.lines = lines;
            this.options = options;
            this.interruption = interruption;
            this.parent = parent;
            this.progress = ProgressBar.counting(
                    parent.canAsk() && lines.size() >= PROGRESS_MIN_LINES ? parent.err() : null,
                    "replaying " + source, lines.size(), "lines");
            this.out = progress.above(out);
            // Behind the terminal's gate, as the executor puts it: planned deletes print their refusals there.
            this.err = TerminalWriter.guard(progress.above(parent.err()));
        }

        void all(Function<ScriptLine, ExitStatus> action) {
            for (ScriptLine line : lines) {
                ExitStatus result = action.apply(line);
                count++;
                outcome = Exit.worst(outcome, result);
                if (result.code() == 0) {
                    done++;
                }
                else {
                    if (Exit.REFUSED.equals(result)) {
                        refused++;
                    }
                    else {
                        failed++;
                    }
                    failures.add(line);
                    if (!options.continueOnError() || transactionLost) {
                        stoppedAt = Optional.of(line);
                        break;
                    }
                }
                progress.update(count);
                if (interruption.requested() && count < lines.size()) {
                    interrupted = true;
                    stoppedAt = Optional.of(line);
                    outcome = Exit.INTERRUPTED;
                    break;
                }
            }
        }
    }
}
