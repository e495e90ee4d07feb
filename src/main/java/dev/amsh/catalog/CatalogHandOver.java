package dev.amsh.catalog;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A catalog transaction that died because the process serving the catalog went away is run again,
 * whole, once the catalog has a new owner ({@link SharedCatalog#handOver}). The owner rolled the
 * dead transaction back when its server stopped or the database recovered, so nothing of the first
 * attempt is left. Only the outermost transaction is retried: one joined by an outer run (a
 * script's atomic run) fails with it, and that run reports it.
 */
public final class CatalogHandOver implements MethodInterceptor {

    /** A command that meets more hand-overs than this in a row gives up with the last error. */
    private static final int ATTEMPTS = 3;

    private final Supplier<SharedCatalog> shared;

    /** @param shared the shared catalog, or null when the catalog is not shared (a catalog URL) */
    public CatalogHandOver(Supplier<SharedCatalog> shared) {
        this.shared = shared;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        SharedCatalog catalog = shared.get();
        if (catalog == null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return invocation.proceed();
        }
        // Each attempt proceeds on a fresh copy: proceeding moves an invocation past the advice behind this one.
        ProxyMethodInvocation start = (ProxyMethodInvocation) invocation;
        for (int attempt = 1; ; attempt++) {
            DataSource before = catalog.current();
            try {
                return start.invocableClone().proceed();
            }
            catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isConnectionLoss(e)) {
                    throw e;
                }
                catalog.handOver(before);
            }
        }
    }

    /**
     * Whether a failure is the connection to the catalog breaking: SQLState class 08 (connection
     * exceptions), 58 (Derby's network client: the server went away mid-reply), or the socket itself.
     */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("58")
                    || sql.getSQLState().equals("40XC0"))) {
                return true;
            }
            if (cause instanceof SocketException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
