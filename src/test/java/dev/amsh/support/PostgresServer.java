package dev.amsh.support;

import dev.amsh.catalog.CatalogCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for the tests of one JVM: made by the server's own {@code initdb}
 * in a temporary directory, listening on 127.0.0.1 at a free port (its Unix socket in that
 * directory too), password authentication only, stopped when the JVM exits. PostgreSQL refuses to
 * run as root, so under root its programs run as the {@code postgres} user, who owns the directory.
 */
public final class PostgresServer {

    public static final String ADMIN = "amsh_test_admin";

    private static PostgresServer running;

    private final Path directory;
    private final Path binaries;
    private final int port;
    private final String adminPassword;

    private PostgresServer(Path directory, Path binaries, int port, String adminPassword) {
        this.directory = directory;
        this.binaries = binaries;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** The cluster of this JVM, started on first use; it does not sync its writes to disk (tests need no durability). */
    public static synchronized PostgresServer get() {
        if (running == null) {
            running = started(false);
        }
        return running;
    }

    /** A cluster of its own that syncs every commit to disk as a production server does: for measurements. */
    public static PostgresServer durable() {
        return started(true);
    }

    private static PostgresServer started(boolean durable) {
        PostgresServer server = start(durable);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** A new, empty database owned by the administrator: each test catalog gets its own. */
    public String createDatabase() {
        String name = "amsh_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url("postgres"), ADMIN, adminPassword);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
        }
        return name;
    }

    /** The URL of a database, without credentials. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The cluster's superuser, who owns the test databases. */
    public CatalogCredentials adminCredentials() {
        return new CatalogCredentials(ADMIN, adminPassword);
    }

    /** Runs SQL as the administrator on {@code database} (roles, grants, an attacker's objects). */
    public void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(url(database), ADMIN, adminPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static PostgresServer start(boolean durable) {
        Path binaries = binaries().orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server programs (initdb, pg_ctl) found: install postgresql (apt-get install postgresql)"));
        try {
            Path directory = Files.createTempDirectory("amsh-postgres");
            String password = UUID.randomUUID().toString();
            Path passwordFile = directory.resolve("password");
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            Path data = directory.resolve("data");
            int port = freePort();
            if (isRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", directory.toString()), false);
            }
            run(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", ADMIN,
                    "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--no-sync"), true);
            run(List.of(binaries.resolve("pg_ctl").toString(), "start", "-w", "-t", "120", "-D", data.toString(),
                    "-l", directory.resolve("server.log").toString(), "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory + " -c fsync=" + (durable ? "on" : "off")),
                    true);
            return new PostgresServer(directory, binaries, port, password);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
        }
    }

    private void stop() {
        try {
            run(List.of(binaries.resolve("pg_ctl").toString(), "stop", "-w", "-m", "immediate", "-D",
                    directory.resolve("data").toString()), true);
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        catch (IOException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL server in " + directory + ": " + e.getMessage());
        }
    }

    /** {@code pg_config --bindir}, else the newest of Debian's {@code /usr/lib/postgresql/N/bin}. */
    private static Optional<Path> binaries() {
        try {
            Process config = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String bindir = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (config.waitFor() == 0 && Files.isExecutable(Path.of(bindir, "initdb"))) {
                return Optional.of(Path.of(bindir));
            }
        }
        catch (IOException noPgConfig) {
            // try Debian's layout below
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))));
        }
        catch (IOException none) {
            return Optional.empty();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asServerUser) {
        List<String> full = new ArrayList<>();
        if (asServerUser && isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups"));
        }
        full.addAll(command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
