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
}
