package dev.amsh.catalog;

import dev.amsh.vocabulary.CancelledException;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the command running on a thread gives the catalog work beneath it: the operator's request
 * to stop (Ctrl-C, or its client's in a service), where a wait for another session's lock is said,
 * and how long it may wait. One object per command, bound on the command's thread while it runs;
 * a part of it (a script's line, which only stops after it) runs in a scope derived from it.
 * The catalog work finds it here rather than through its callers, as the transaction advice that
 * bounds lock waits has no caller to ask.
 *
 * <p>Long work {@linkplain #checkStop() looks} for a stop between its steps (a page of rows, a
 * piece of a file or a download, a retry of a lock wait): a requested stop throws
 * {@link CancelledException} there, so the transaction around the step rolls back whole. No step
 * runs inside a commit, so a transaction already committing commits whole.
 */
public final class CommandScope {

    private static final ThreadLocal<CommandScope> CURRENT = new ThreadLocal<>();

    /** Empty for a command that nothing stops midway (a one-shot, stopped by the signal itself). */
    private final Optional<BooleanSupplier> stopRequest;
    private final Optional<LockWaits> lockWaits;

    /** Where a command says it waits for a lock, how long it may wait in all, and whether it said so already. */
    static final class LockWaits {
        private final PrintWriter err;
        private volatile Duration timeout;
        private boolean told;

        LockWaits(PrintWriter err, Duration timeout) {
            this.err = err;
            this.timeout = timeout;
        }

        Duration timeout() {
            return timeout;
        }

        synchronized boolean told() {
            return told;
        }

        synchronized void tell(String line) {
            if (!told) {
                told = true;
                err.println(line);
                err.flush();
            }
        }
    }

    private CommandScope(Optional<BooleanSupplier> stopRequest, Optional<LockWaits> lockWaits) {
        this.stopRequest = stopRequest;
        this.lockWaits = lockWaits;
    }

    /** The scope of the command running on this thread, if one runs in a scope. */
    public static Optional<CommandScope> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code work} stopping at its next step once {@code requested} says so. */
    public static <T> T stoppedBy(BooleanSupplier requested, Supplier<T> work) {
        return within(new CommandScope(Optional.of(requested), current().flatMap(scope -> scope.lockWaits)), work);
    }

    /** Runs {@code work} as one step, never stopped inside: a script's line, which is stopped only after it. */
    public static <T> T asOneStep(Supplier<T> work) {
        return stoppedBy(() -> false, work);
    }

    /** Between two steps of long work: throws when the operator asked the running command to stop. */
    public static void checkStop() {
        CommandScope scope = CURRENT.get();
        if (scope != null && scope.stopRequested()) {
            throw new CancelledException();
        }
    }

    /** Runs a command whose lock waits are said on {@code err} and end after {@code timeout}. */
    public static <T> T withLockWaits(PrintWriter err, Duration timeout, Supplier<T> work) {
        return within(new CommandScope(current().flatMap(scope -> scope.stopRequest),
                Optional.of(new LockWaits(err, timeout))), work);
    }

    private static <T> T within(CommandScope scope, Supplier<T> work) {
        CommandScope outer = CURRENT.get();
        CURRENT.set(scope);
        try {
            return work.get();
        }
        finally {
            if (outer == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(outer);
            }
        }
    }

    /** Whether the operator asked this command to stop. */
    public boolean stopRequested() {
        return stopRequest.isPresent() && stopRequest.get().getAsBoolean();
    }

    /** The request to stop, when something may stop this command midway; also for a thread that watches it from beside it. */
    public Optional<BooleanSupplier> stopRequest() {
        return stopRequest;
    }

    /** The command's own wait limit, as {@code image delete --timeout} gives it. */
    public void limitLockWaitsTo(Duration timeout) {
        lockWaits.ifPresent(waits -> waits.timeout = timeout);
    }

    Optional<LockWaits> lockWaits() {
        return lockWaits;
    }
}
