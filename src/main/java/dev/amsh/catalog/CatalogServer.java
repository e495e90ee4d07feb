package dev.amsh.catalog;

import org.apache.derby.drda.NetworkServerControl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Derby's own network server, run inside the process that owns an embedded catalog so that other
 * amsh processes can use it. It listens on the loopback address only, on a free port, and
 * Derby's authentication (switched on by {@link SharedCatalog} before the engine boots) admits
 * only the catalog's login.
 */
final class CatalogServer {

    private static final long START_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final NetworkServerControl control;
    private final int port;

    private CatalogServer(NetworkServerControl control, int port) {
        this.control = control;
        this.port = port;
    }

    /** Starts the server and returns once it answers. */
    static CatalogServer start(DerbyLogin login) throws Exception {
        int port = freeLoopbackPort();
        NetworkServerControl control = new NetworkServerControl(InetAddress.getLoopbackAddress(), port,
                login.user(), login.password());
        // The server's console messages would reach the terminal: they are dropped, Derby's log keeps errors.
        control.start(new PrintWriter(Writer.nullWriter()));
        long deadline = System.nanoTime() + START_LIMIT_NANOS;
        while (true) {
            try {
                control.ping();
                return new CatalogServer(control, port);
            }
            catch (Exception notYet) {
                if (System.nanoTime() - deadline > 0) {
                    stopQuietly(control);
                    throw notYet;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    int port() {
        return port;
    }

    /** Stops listening and ends the sessions of attached processes; their open transactions roll back. */
    void stop() {
        stopQuietly(control);
    }

    private static void stopQuietly(NetworkServerControl control) {
        try {
            control.shutdown();
        }
        catch (Exception alreadyStopped) {
            // nothing is left to stop
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
