package dev.amsh.catalog;

import dev.amsh.vocabulary.CancelledException;
import dev.amsh.vocabulary.CatalogException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for another session's lock, said and bounded, for every catalog transaction: a
 * command's own and a line of a script's atomic or dry run alike.
 *
 * <p>Derby ends a lock wait only at its {@code derby.locks.waitTimeout}, at a deadlock or when
 * the waiting thread is interrupted, and each of these rolls the whole transaction back. So the
 * statement waits in Derby, and a watchdog looks at the waiting thread from beside it: after a
 * second, if the thread waits for a lock, it says so once; at the command's limit, in an embedded
 * catalog, it interrupts the wait, which closes the connection and rolls back everything the
 * transaction did. A Derby wait that ends before the command's limit (the engine's own wait
 * timeout) runs an outermost transaction again, and so does a deadlock that made it the victim;
 * inside a run's transaction it gives up.
 * A network client cannot be interrupted: there the server's {@code derby.locks.waitTimeout}
 * (on PostgreSQL the session's {@code lock_timeout}, set to the commands' limit) ends a wait
 * that outlasts the command's limit. Ctrl-C ends an embedded wait the same way
 * (see {@link CommandScope}), rolling back what the command did. What shows a wait, and whether it
 * can be ended from beside it, is the engine's {@link LockWaitProbe}.
 */
public final class CatalogLockWaits implements MethodInterceptor, DisposableBean {

    /** Derby's SQLState for a lock that could not be obtained within {@code derby.locks.waitTimeout}. */
    static final String LOCK_TIMEOUT = "40XL1";
    /** PostgreSQL's for one that could not be obtained within {@code lock_timeout}. */
    static final String POSTGRES_LOCK_TIMEOUT = "55P03";
    /** A deadlock's victim, rolled back whole by the database: Derby's and PostgreSQL's SQLStates. */
    private static final List<String> DEADLOCK_VICTIM = List.of("40001", "40P01");
    static final String WAITING = "waiting for the catalog lock held by another session...";
    /** The limit of a transaction run outside any command (the shell's own start-up reads). */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SAY_AFTER = Duration.ofSeconds(1);
    private static final Duration LOOK_EVERY = Duration.ofMillis(250);

    /**
     * The watch over this thread's transaction, if one is watched already (a call joining it needs none):
     * the transaction's, not the command's, as a script's atomic run spans its lines' scopes.
     */
    private static final ThreadLocal<Watch> WATCHED = new ThreadLocal<>();

    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "amsh-lock-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private final Supplier<LockWaitProbe> probeOfCatalog;
    private volatile LockWaitProbe probe;

    /** @param probeOfCatalog how the catalog's engine shows a waiting statement, asked once the catalog is known */
    CatalogLockWaits(Supplier<LockWaitProbe> probeOfCatalog) {
        this.probeOfCatalog = probeOfCatalog;
    }

    /** Stops the watchdog with the catalog's context. */
    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }

    private LockWaitProbe probe() {
        LockWaitProbe known = probe;
        if (known == null) {
            known = probeOfCatalog.get();
            probe = known;
        }
        return known;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Optional<CommandScope> scope = CommandScope.current();
        Optional<CommandScope.LockWaits> waiting = scope.flatMap(CommandScope::lockWaits);
        Duration timeout = waiting.map(CommandScope.LockWaits::timeout).orElse(DEFAULT_TIMEOUT);
        long giveUp = System.nanoTime() + timeout.toNanos();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Joined by an outer transaction (a script's run): waited for once, never run again.
            return watched(invocation, scope, waiting, timeout, giveUp);
        }
        // Each attempt proceeds on a fresh copy: proceeding moves an invocation past the transaction advice.
        ProxyMethodInvocation start = (ProxyMethodInvocation) invocation;
        while (true) {
            try {
                return watched(start.invocableClone(), scope, waiting, timeout, giveUp);
            }
            catch (DataAccessException e) {
                // The transaction was rolled back whole, so running it again is as if it ran later.
                if (!(isLockTimeout(e) || isDeadlockVictim(e)) || System.nanoTime() - giveUp >= 0) {
                    throw e;
                }
                CommandScope.checkStop();
            }
        }
    }

    /** One attempt, with the watchdog beside it; a wait it ended, or Derby ended inside a run, is a give-up. */
    private Object watched(MethodInvocation invocation, Optional<CommandScope> scope,
            Optional<CommandScope.LockWaits> waiting, Duration timeout, long giveUp)
            throws Throwable {
        if (WATCHED.get() != null) {
            return invocation.proceed();
        }
        long started = System.nanoTime();
        Watch watch = new Watch(Thread.currentThread(), waiting, giveUp,
                scope.flatMap(CommandScope::stopRequest).orElse(() -> false));
        WATCHED.set(watch);
        try {
            return invocation.proceed();
        }
        catch (Throwable e) {
            if (watch.interrupted() && watch.cancelled()) {
                throw new CancelledException();
            }
            boolean pastLimit = System.nanoTime() - giveUp >= 0;
            boolean lockWaitEnded = watch.interrupted()
                    || e instanceof DataAccessException access && isLockTimeout(access)
                            && (TransactionSynchronizationManager.isActualTransactionActive() || pastLimit);
            if (lockWaitEnded) {
                // Derby's own wait may end a run's line before a longer limit: say how long it was.
                Duration waited = watch.interrupted() || pastLimit ? timeout
                        : Duration.ofSeconds(Duration.ofNanos(System.nanoTime() - started).plusMillis(500).toSeconds());
                throw new CatalogException("gave up after " + seconds(waited)
                        + " waiting for the catalog lock held by another session; nothing was changed");
            }
            throw e;
        }
        finally {
            WATCHED.remove();
            watch.stop();
        }
    }

    /** Looks at one waiting thread every quarter second, from the first second to the end of its attempt. */
    private final class Watch implements Runnable {

        private final Thread thread;
        private final Optional<CommandScope.LockWaits> waiting;
        private final long giveUp;
        private final BooleanSupplier cancelRequested;
        private final ScheduledFuture<?> looking;
        private boolean stopped;
        private boolean interrupted;

        Watch(Thread thread, Optional<CommandScope.LockWaits> waiting, long giveUp, BooleanSupplier cancelRequested) {
            this.thread = thread;
            this.cancelRequested = cancelRequested;
            this.waiting = waiting;
            this.giveUp = giveUp;
            this.looking = watchdog.scheduleWithFixedDelay(this, SAY_AFTER.toMillis(), LOOK_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            boolean toTell = waiting.isPresent() && !waiting.get().told();
            LockWaitProbe engine = probe();
            boolean toEnd = engine.interruptible() && (System.nanoTime() - giveUp >= 0 || cancelled());
            if (!(toTell || toEnd) || !engine.waits(thread)) {
                return;
            }
            waiting.ifPresent(waits -> waits.tell(WAITING));
            if (toEnd) {
                synchronized (this) {
                    if (!stopped && !interrupted) {
                        interrupted = true;
                        thread.interrupt();
                    }
                }
            }
        }

        boolean cancelled() {
            return cancelRequested.getAsBoolean();
        }

        synchronized boolean interrupted() {
            return interrupted;
        }

        void stop() {
            looking.cancel(false);
            synchronized (this) {
                stopped = true;
                if (interrupted) {
                    // Derby sets the flag again when it reports the interrupted wait: it was ours, not the user's.
                    Thread.interrupted();
                }
            }
        }
    }

    static boolean isLockTimeout(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && (LOCK_TIMEOUT.equals(sql.getSQLState()) || POSTGRES_LOCK_TIMEOUT.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static boolean isDeadlockVictim(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK_VICTIM.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
