package dev.amsh.support;

import org.apache.derby.jdbc.EmbeddedDriver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A connection from the test's own JVM to a catalog's database. The jar-level tests share one
 * JVM, and a test class that shut Derby's engine down also took its driver out of DriverManager:
 * a driver instance boots the engine again whatever ran before.
 */
public final class InProcessDerby {

    private InProcessDerby() {
    }

    public static Connection open(Path database) throws SQLException {
        return new EmbeddedDriver().connect("jdbc:derby:" + database, new Properties());
    }

    /** Shuts one database down, leaving Derby's engine to the others in this JVM. */
    public static void shutDown(Path database) {
        try {
            new EmbeddedDriver().connect("jdbc:derby:" + database + ";shutdown=true", new Properties()).close();
        }
        catch (SQLException e) {
            // Derby reports a successful database shutdown as an exception (08006), one not booted as XJ004.
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                throw new IllegalStateException("Derby did not shut " + database + " down: " + e.getMessage(), e);
            }
        }
    }
}
