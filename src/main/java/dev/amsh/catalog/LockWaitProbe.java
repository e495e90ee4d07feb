package dev.amsh.catalog;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

/**
 * How a catalog's engine shows that a statement waits for another session's lock, and whether the
 * wait can be ended from beside it: one kind per engine, chosen once from the catalog's location.
 */
sealed interface LockWaitProbe {

    /** Whether {@code thread} waits for a lock now. */
    boolean waits(Thread thread);

    /** Whether interrupting a waiting thread ends its wait (and rolls its transaction back). */
    boolean interruptible();

    static LockWaitProbe of(CatalogLocation location, Supplier<DataSource> dataSource) {
        if (location.isEmbedded()) {
            return new EmbeddedDerby();
        }
        return CatalogEngine.of(location) == CatalogEngine.POSTGRESQL
                ? new Server(dataSource, "org.postgresql.", "SELECT COUNT(*) FROM pg_catalog.pg_locks WHERE NOT granted")
                : new Server(dataSource, "org.apache.derby.client.",
                        "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'");
    }

    /** Derby in this process: a waiting thread sleeps in its lock manager until the lock is granted or it is interrupted. */
    record EmbeddedDerby() implements LockWaitProbe {

        private static final String LOCK_WAIT_CLASS = "org.apache.derby.impl.services.locks.ActiveLock";
        private static final String LOCK_WAIT_METHOD = "waitForGrant";

        @Override
        public boolean waits(Thread thread) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals(LOCK_WAIT_CLASS) && frame.getMethodName().equals(LOCK_WAIT_METHOD)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean interruptible() {
            return true;
        }
    }

    /**
     * A database server (a Derby network server, PostgreSQL): its client knows only that an answer is late,
     * the server which sessions wait. A network wait is not interrupted; the server's own limit ends it.
     *
     * @param driverPackage   the driver's package, whose frames show a thread waiting for the server's answer
     * @param waitingSessions the query that counts the server's sessions waiting for a lock
     */
    record Server(Supplier<DataSource> dataSource, String driverPackage, String waitingSessions)
            implements LockWaitProbe {

        @Override
        public boolean waits(Thread thread) {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().startsWith(driverPackage)) {
                    return someSessionWaits();
                }
            }
            return false;
        }

        private boolean someSessionWaits() {
            try (Connection connection = dataSource.get().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet waits = statement.executeQuery(waitingSessions)) {
                return waits.next() && waits.getLong(1) > 0;
            }
            catch (SQLException unknown) {
                return false;
            }
        }

        @Override
        public boolean interruptible() {
            return false;
        }
    }
}
