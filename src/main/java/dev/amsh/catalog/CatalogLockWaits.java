package dev.amsh.catalog;

import dev.amsh.vocabulary.CancelledException;
import dev.amsh.vocabulary.CatalogException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 * (see {@link Cancellation}), rolling back what the command did.
 */
public final class CatalogLockWaits implements MethodInterceptor {

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
    /** Where an embedded Derby thread sleeps until a lock is granted. */
    private static final String EMBEDDED_LOCK_WAIT = "org.apache.derby.impl.services.locks.ActiveLock";
    /** Where a network client thread waits for the server's answer: Derby's client, PostgreSQL's driver. */
    private static final List<String> CLIENTS = List.of("org.apache.derby.client.", "org.postgresql.");
    private static final String ANY_LOCK_WAIT = "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'";
    private static final String ANY_POSTGRES_LOCK_WAIT = "SELECT COUNT(*) FROM pg_catalog.pg_locks WHERE NOT granted";

    private static final ThreadLocal<Waiting> CURRENT = new ThreadLocal<>();
    /** The watch over this thread's transaction, if one is watched already (a call joining it needs none). */
    private static final ThreadLocal<Watch> WATCHED = new ThreadLocal<>();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "amsh-lock-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Supplier<DataSource> dataSource;
    private final BooleanSupplier embedded;

    /**
     * @param dataSource where the watchdog of a network catalog asks whether a session waits
     * @param embedded whether the catalog's engine runs in this process, so a wait can be interrupted
     */
    CatalogLockWaits(Supplier<DataSource> dataSource, BooleanSupplier embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** Where the running command says it waits, how long it may wait in all, and whether it said so already. */
    private static final class Waiting {
        final PrintWriter err;
        Duration timeout;
        boolean told;

        Waiting(PrintWriter err, Duration timeout) {
            this.err = err;
            this.timeout = timeout;
        }

        synchronized boolean told() {
            return told;
        }

        synchronized void tell() {
            if (!told) {
                told = true;
                err.println(WAITING);
                err.flush();
            }
        }
    }

    /** Runs a command whose lock waits are said on {@code err} and end after {@code timeout}. */
    public static <T> T during(PrintWriter err, Duration timeout, Supplier<T> command) {
        Waiting outer = CURRENT.get();
        CURRENT.set(new Waiting(err, timeout));
        try {
            return command.get();
        }
        finally {
            CURRENT.set(outer);
        }
    }

    /** The running command's own wait limit (as {@code image delete --timeout} gives it). */
    public static void limitTo(Duration timeout) {
        Waiting waiting = CURRENT.get();
        if (waiting != null) {
            waiting.timeout = timeout;
        }
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Waiting waiting = CURRENT.get();
        Duration timeout = waiting == null ? DEFAULT_TIMEOUT : waiting.timeout;
        long giveUp = System.nanoTime() + timeout.toNanos();
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Joined by an outer transaction (a script's run): waited for once, never run again.
            return watched(invocation, waiting, timeout, giveUp);
        }
        // Each attempt proceeds on a fresh copy: proceeding moves an invocation past the transaction advice.
        ProxyMethodInvocation start = (ProxyMethodInvocation) invocation;
        while (true) {
            try {
                return watched(start.invocableClone(), waiting, timeout, giveUp);
            }
            catch (DataAccessException e) {
                // The transaction was rolled back whole, so running it again is as if it ran later.
                if (!(isLockTimeout(e) || isDeadlockVictim(e)) || System.nanoTime() - giveUp >= 0) {
                    throw e;
                }
                Cancellation.check();
            }
        }
    }

    /** One attempt, with the watchdog beside it; a wait it ended, or Derby ended inside a run, is a give-up. */
    private Object watched(MethodInvocation invocation, Waiting waiting, Duration timeout, long giveUp)
            throws Throwable {
        if (WATCHED.get() != null) {
            return invocation.proceed();
        }
        long started = System.nanoTime();
        Watch watch = new Watch(Thread.currentThread(), waiting, giveUp, Cancellation.request());
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
        private final Waiting waiting;
        private final long giveUp;
        private final BooleanSupplier cancelRequested;
        private final ScheduledFuture<?> looking;
        private boolean stopped;
        private boolean interrupted;

        Watch(Thread thread, Waiting waiting, long giveUp, BooleanSupplier cancelRequested) {
            this.thread = thread;
            this.cancelRequested = cancelRequested;
            this.waiting = waiting;
            this.giveUp = giveUp;
            this.looking = WATCHDOG.scheduleWithFixedDelay(this, SAY_AFTER.toMillis(), LOOK_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            boolean toTell = waiting != null && !waiting.told();
            boolean toEnd = embedded.getAsBoolean() && (System.nanoTime() - giveUp >= 0 || cancelled());
            if (!(toTell || toEnd) || !waitsForLock()) {
                return;
            }
            if (waiting != null) {
                waiting.tell();
            }
            if (toEnd) {
                synchronized (this) {
                    if (!stopped && !interrupted) {
                        interrupted = true;
                        thread.interrupt();
                    }
                }
            }
        }

        private boolean waitsForLock() {
            StackTraceElement[] stack = thread.getStackTrace();
            if (embedded.getAsBoolean()) {
                return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(EMBEDDED_LOCK_WAIT)
                        && frame.getMethodName().equals("waitForGrant"));
            }
            return Arrays.stream(stack).anyMatch(frame -> CLIENTS.stream().anyMatch(frame.getClassName()::startsWith))
                    && someSessionWaits();
        }

        /** The server knows which sessions wait; its client only that an answer is late. */
        private boolean someSessionWaits() {
            try (Connection connection = dataSource.get().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet waits = statement.executeQuery(
                            connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                                    ? ANY_POSTGRES_LOCK_WAIT : ANY_LOCK_WAIT)) {
                return waits.next() && waits.getLong(1) > 0;
            }
            catch (SQLException unknown) {
                return false;
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
