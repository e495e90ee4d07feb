package dev.amsh.catalog;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waiting for another session's lock, said and bounded. Derby gives up a lock wait after one
 * second ({@code derby.locks.waitTimeout}) and rolls the whole transaction back (PostgreSQL after
 * its {@code lock_timeout}, set to a second too, and the transaction is rolled back); this interceptor
 * sits outside every outermost catalog transaction and runs it again until the command's wait
 * limit, saying once that it waits. Each attempt rolled back, giving up changes nothing.
 * Derby has no callback for "now waiting"; a one-second slice is what makes the wait visible.
 * A transaction joined by an outer one (a script's atomic run) is not retried here: its
 * statements give up after the slice and the outer run reports it.
 */
public final class CatalogLockWaits implements MethodInterceptor {

    /** Derby's SQLState for a lock that could not be obtained within {@code derby.locks.waitTimeout}. */
    static final String LOCK_TIMEOUT = "40XL1";
    /** PostgreSQL's for one that could not be obtained within {@code lock_timeout}. */
    static final String POSTGRES_LOCK_TIMEOUT = "55P03";
    static final String WAITING = "waiting for the catalog lock held by another session...";
    /** The limit of a transaction run outside any command (the shell's own start-up reads). */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final ThreadLocal<Waiting> CURRENT = new ThreadLocal<>();

    /** Where the running command says it waits, how long it may wait in all, and whether it said so already. */
    private static final class Waiting {
        final PrintWriter err;
        Duration timeout;
        boolean told;

        Waiting(PrintWriter err, Duration timeout) {
            this.err = err;
            this.timeout = timeout;
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
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return invocation.proceed();
        }
        Waiting waiting = CURRENT.get();
        Duration timeout = waiting == null ? DEFAULT_TIMEOUT : waiting.timeout;
        long giveUp = System.nanoTime() + timeout.toNanos();
        // Each attempt proceeds on a fresh copy: proceeding moves an invocation past the transaction advice.
        ProxyMethodInvocation start = (ProxyMethodInvocation) invocation;
        while (true) {
            try {
                return start.invocableClone().proceed();
            }
            catch (DataAccessException e) {
                if (!isLockTimeout(e)) {
                    throw e;
                }
                if (System.nanoTime() - giveUp >= 0) {
                    throw new CatalogException("gave up after " + seconds(timeout)
                            + " waiting for the catalog lock held by another session; nothing was changed");
                }
                if (waiting != null && !waiting.told) {
                    waiting.told = true;
                    waiting.err.println(WAITING);
                    waiting.err.flush();
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

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
