package dev.amsh.support;

import dev.amsh.AmshApplication;
import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.command.LaunchArguments;
import org.apache.derby.drda.NetworkServerControl;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A Derby network server on 127.0.0.1 serving one catalog database set up as a team would:
 * NATIVE users (passwords kept hashed in the database), authentication required and SQL
 * authorization on. {@link #OWNER} created the database and its catalog schema; {@link #OPERATOR}
 * was granted what amsh needs; {@link #CLERK} was granted nothing.
 */
public final class AuthenticatedDerbyServer implements AutoCloseable {

    public static final CatalogCredentials OWNER = new CatalogCredentials("amsh", "owner-Pw-7f3a");
    public static final CatalogCredentials OPERATOR = new CatalogCredentials("ops", "operator-Pw-91c2");
    public static final CatalogCredentials CLERK = new CatalogCredentials("clerk", "clerk-Pw-4d8e");

    /** The tables amsh changes; the audit is only ever read and added to. */
    private static final List<String> CHANGED_TABLES = List.of("IMAGE_TYPE", "IMAGE", "IMAGE_VERSION", "APPLICATION",
            "APPLICATION_VERSION", "IMAGE_SERVER");

    private final NetworkServerControl server;
    private final String url;

    private AuthenticatedDerbyServer(NetworkServerControl server, String url) {
        this.server = server;
        this.url = url;
    }

    /** Starts the server, creates the database with its users and an amsh catalog in it, and grants the operator. */
    public static AuthenticatedDerbyServer start(Path home) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        NetworkServerControl server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(new PrintWriter(new StringWriter()));
        awaitListening(server);
        AuthenticatedDerbyServer started = new AuthenticatedDerbyServer(server,
                "jdbc:derby://127.0.0.1:" + port + "/" + home.resolve("catalog"));
        started.createDatabase();
        started.session(OWNER).close();
        started.grantOperator();
        return started;
    }

    /** The catalog URL, without credentials. */
    public String url() {
        return url;
    }

    /** An amsh context on the catalog as {@code user}. */
    public ConfigurableApplicationContext session(CatalogCredentials user) {
        return new SpringApplicationBuilder(AmshApplication.class)
                .web(WebApplicationType.NONE)
                .properties("logging.level.root=OFF")
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("catalogLocation", CatalogLocation.server(url));
                    context.getBeanFactory().registerSingleton("catalogCredentials", user);
                    context.getBeanFactory().registerSingleton("launchArguments", new LaunchArguments(List.of(), false));
                })
                .run();
    }

    /** A plain SQL connection as {@code user}, as anyone who reaches the port could open. */
    public Connection connect(CatalogCredentials user) throws SQLException {
        return DriverManager.getConnection(url, user.user(), user.password());
    }

    @Override
    public void close() throws Exception {
        server.shutdown();
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url + ";create=true", OWNER.user(), OWNER.password())) {
            // The owner's credentials come first: creating them turns NATIVE authentication on (NATIVE::LOCAL).
            for (CatalogCredentials user : List.of(OWNER, OPERATOR, CLERK)) {
                try (CallableStatement create = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_CREATE_USER(?, ?)")) {
                    create.setString(1, user.user());
                    create.setString(2, user.password());
                    create.execute();
                }
            }
            setProperty(connection, "derby.connection.requireAuthentication", "true");
            setProperty(connection, "derby.database.sqlAuthorization", "true");
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true", OWNER.user(), OWNER.password()).close();
        }
        catch (SQLException expected) {
            // Derby reports a successful database shutdown as an exception; SQL authorization starts at the next boot.
        }
    }

    private void grantOperator() throws SQLException {
        try (Connection connection = connect(OWNER); Statement statement = connection.createStatement()) {
            for (String table : CHANGED_TABLES) {
                statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON APP." + table + " TO " + OPERATOR.user());
            }
            statement.execute("GRANT SELECT, INSERT ON APP.AUDIT_EVENT TO " + OPERATOR.user());
            statement.execute("GRANT SELECT ON APP.CATALOG_SCHEMA TO " + OPERATOR.user());
            // amsh checks at start that the database has not been told to load its own code.
            statement.execute("GRANT EXECUTE ON FUNCTION SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY TO " + OPERATOR.user());
        }
    }

    private static void setProperty(Connection connection, String name, String value) throws SQLException {
        try (CallableStatement set = connection.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            set.setString(1, name);
            set.setString(2, value);
            set.execute();
        }
    }

    /**
     * The server starts in a thread of its own and says nothing when it listens: ping it until it
     * answers. The bound only detects a server that never starts, however loaded the machine.
     */
    private static void awaitListening(NetworkServerControl server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                server.ping();
                return;
            }
            catch (Exception notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw notYet;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }
}
