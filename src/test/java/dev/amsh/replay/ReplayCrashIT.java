package dev.amsh.replay;

import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogEngine;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.support.AmshProcesses;
import dev.amsh.support.AmshProcesses.Run;
import dev.amsh.support.AmshProcesses.Running;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.InProcessDerby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay killed with SIGKILL midway, as a crash or an operator's {@code kill -9} would stop it,
 * on each database a catalog can live in: the packaged jar replays a large script on a real
 * catalog, the test kills it once its echo shows it is well into the file, then reads the catalog
 * by JDBC (embedded Derby recovers it from its log; a server rolls back what the dead session had
 * not committed). An atomic run leaves none of its changes; a line-by-line run leaves exactly a
 * prefix of its lines, which the audit log names line by line.
 */
@ParameterizedClass
// A served catalog is an embedded one whose owner is another process: the owner's own death mid-command
// is CatalogSharingIT's, and this test's checks open the database itself, which the owner holds.
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplayCrashIT {

    private static final int IMAGES = 2000;
    private static final String SCRIPT = "big.amsh";
    /**
     * The same deletes with a line that runs alone after every hundredth: an atomic run decides each run of
     * consecutive deletes together when it reaches it, so its work spreads over the file as the echo does.
     */
    private static final String BATCHED_SCRIPT = "batches.amsh";
    private static final int BATCH = 100;

    @TempDir
    static Path work;

    /**
     * An export of a catalog with a default image "base", images img-0001 to img-2000 and two
     * applications on images of their own: each test imports it into a new catalog of its backend.
     */
    static Path setUpExport;

    @Parameter
    CatalogBackend backend;

    private CatalogLocation location;
    private Optional<CatalogCredentials> credentials;
    private AmshProcesses amsh;

    @BeforeAll
    static void buildTheCatalogAndTheScript() throws Exception {
        assertThat(AmshProcesses.JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
        System.setProperty("derby.stream.error.file", work.resolve("test-derby.log").toString());
        Path imageFile = work.resolve("image.img");
        Files.write(imageFile, new byte[2048]);
        List<String> setup = new ArrayList<>();
        setup.add("image add base " + imageFile);
        IntStream.rangeClosed(1, IMAGES).forEach(i -> setup.add("image add " + imageName(i) + " " + imageFile));
        setup.add("image add pinned-a " + imageFile);
        setup.add("image add pinned-b " + imageFile);
        setup.add("application create shop --image pinned-a");
        setup.add("application create arcade --image pinned-b");
        Files.write(work.resolve("setup.amsh"), setup);
        Files.write(work.resolve(SCRIPT),
                IntStream.rangeClosed(1, IMAGES).mapToObj(i -> "image delete " + imageName(i) + " --yes").toList());
        Files.write(work.resolve(BATCHED_SCRIPT), IntStream.rangeClosed(1, IMAGES)
                .mapToObj(i -> "image delete " + imageName(i) + " --yes" + (i % BATCH == 0 ? "\nimage show base" : ""))
                .toList());

        AmshProcesses setUpCatalog = new AmshProcesses(work.resolve("set-up-catalog"), work).inProcess();
        Run built = setUpCatalog.run("script", "setup.amsh", "--atomic", "--yes");
        assertThat(built.exitCode()).as(built.err()).isZero();
        setUpExport = work.resolve("set-up-catalog.jsonl");
        Run exported = setUpCatalog.run("catalog", "export", setUpExport.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
    }

    /** A new, empty catalog of the backend (its schema made by an amsh session in this JVM, then closed), filled by the jar. */
    @BeforeEach
    void importTheSetUpCatalog() throws Exception {
        try (ConfigurableApplicationContext session = backend.session()) {
            location = session.getBean(CatalogLocation.class);
            credentials = Optional.ofNullable(session.getBeanProvider(CatalogCredentials.class).getIfAvailable());
        }
        // The replay's own process owns the catalog and is the one killed (the service's death is CatalogServiceIT's).
        amsh = AmshProcesses.on(location, credentials, work).inProcess();
        Run imported = amsh.run("catalog", "import", setUpExport.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    /** An embedded catalog's database, opened in this JVM by the checks, is shut down for its directory to go. */
    @AfterEach
    void releaseTheCatalog() {
        location.directory().ifPresent(directory -> InProcessDerby.shutDown(directory.resolve("db")));
    }

    @Test
    void anAtomicRunKilledMidwayLeavesNoneOfItsChangesAndAConsistentCatalog() throws Exception {
        killWhenEchoed(BATCHED_SCRIPT, IMAGES / 4, "--atomic");

        Run reopened = amsh.run("image", "list", "--format", "json");
        assertThat(reopened.exitCode()).as(reopened.err()).isZero();
        IntStream.rangeClosed(1, IMAGES).forEach(i ->
                assertThat(reopened.out()).contains("\"name\": \"" + imageName(i) + "\""));
        try (Connection db = open()) {
            assertThat(count(db, "SELECT COUNT(*) FROM IMAGE")).isEqualTo(IMAGES + 3);
            assertThat(count(db, "SELECT COUNT(*) FROM IMAGE_VERSION")).isEqualTo(IMAGES + 3);
            assertThat(scriptLinesAudited(db, BATCHED_SCRIPT)).as("no event of the killed run").isEmpty();
            assertConsistent(db);
        }
    }

    @Test
    void aLineByLineRunKilledMidwayLeavesExactlyAPrefixOfItsLinesWhichTheAuditLogNames() throws Exception {
        int reached = killWhenEchoed(SCRIPT, 200);

        assertThat(amsh.run("image", "list", "--format", "json").exitCode()).isZero();
        try (Connection db = open()) {
            TreeSet<Integer> remaining = new TreeSet<>();
            for (String name : strings(db, "SELECT NAME FROM IMAGE WHERE NAME LIKE 'img-%'")) {
                remaining.add(Integer.parseInt(name.substring("img-".length())));
            }
            int applied = IMAGES - remaining.size();
            assertThat(applied).as("lines applied before the kill").isGreaterThanOrEqualTo(reached - 1)
                    .isLessThan(IMAGES);
            assertThat(remaining).as("the images of the lines not applied")
                    .containsExactlyElementsOf(IntStream.rangeClosed(applied + 1, IMAGES).boxed().toList());
            assertThat(scriptLinesAudited(db, SCRIPT)).as("one event per applied line, naming it")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, applied).boxed().toList());
            assertConsistent(db);
        }
    }

    /**
     * Starts {@code script SCRIPT --yes} with {@code options}, waits until its echo shows line
     * {@code killAt} or a later one, then kills it with SIGKILL; fails unless it was still running
     * when killed. Returns the last line it had echoed before the kill.
     */
    private int killWhenEchoed(String script, int killAt, String... options) throws Exception {
        List<String> words = new ArrayList<>(List.of("script", script, "--yes"));
        words.addAll(List.of(options));
        Running replay = amsh.start(words.toArray(String[]::new));
        try {
            replay.awaitOut("the echo of line " + killAt, out -> lastEchoed(script, out) >= killAt);
            int reached = lastEchoed(script, replay.out());
            replay.process().destroyForcibly();
            assertThat(replay.process().waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
            assertThat(replay.process().exitValue()).as("ended by SIGKILL, not by the end of the script; "
                    + replay.err()).isEqualTo(128 + 9);
            assertThat(reached).as("the last line echoed").isLessThan(IMAGES);
            return reached;
        }
        finally {
            replay.kill();
        }
    }

    private static int lastEchoed(String script, String out) {
        Matcher echo = Pattern.compile("(?m)^" + Pattern.quote(script) + ":([0-9]+)> ").matcher(out);
        int last = 0;
        while (echo.find()) {
            last = Integer.parseInt(echo.group(1));
        }
        return last;
    }

    /** Every invariant of the catalog, by SQL, and the database's own check of each table against its indexes. */
    private void assertConsistent(Connection db) throws SQLException {
        assertThat(count(db, """
                SELECT COUNT(*) FROM IMAGE I
                WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V WHERE V.IMAGE_ID = I.ID)""")).as("images without versions")
                .isZero();
        for (String type : List.of("container", "vm")) {
            int images = count(db, "SELECT COUNT(*) FROM IMAGE WHERE TYPE = '" + type + "'");
            int defaults = count(db, "SELECT COUNT(*) FROM IMAGE WHERE DEFAULT_OF = '" + type + "'");
            assertThat(defaults).as("defaults of type %s", type).isEqualTo(images == 0 ? 0 : 1);
        }
        assertThat(strings(db, "SELECT NAME FROM IMAGE WHERE DEFAULT_OF IS NOT NULL")).containsExactly("base");
        assertThat(count(db, """
                SELECT COUNT(*) FROM APPLICATION_VERSION A
                WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V
                                  WHERE V.IMAGE_ID = A.IMAGE_ID AND V.VERSION = A.IMAGE_VERSION)""")).as("dangling pins")
                .isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM APPLICATION")).isEqualTo(2);
        if (CatalogEngine.of(location) == CatalogEngine.DERBY) {
            for (String table : List.of("IMAGE_TYPE", "IMAGE", "IMAGE_VERSION", "APPLICATION", "APPLICATION_VERSION",
                    "AUDIT_EVENT")) {
                assertThat(count(db, "VALUES SYSCS_UTIL.SYSCS_CHECK_TABLE('APP', '" + table + "')"))
                        .as("Derby's check of %s", table).isEqualTo(1);
            }
        }
        else {
            // amcheck goes into schema public: amsh refuses a catalog schema holding functions it did not create.
            List<String> indexes = strings(db, """
                    SELECT C.RELNAME FROM pg_index I JOIN pg_class C ON C.OID = I.INDEXRELID
                    JOIN pg_namespace N ON N.OID = C.RELNAMESPACE JOIN pg_am AM ON AM.OID = C.RELAM
                    WHERE N.NSPNAME = 'amsh' AND AM.AMNAME = 'btree'""");
            assertThat(indexes).as("the catalog's indexes").isNotEmpty();
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA public");
                for (String index : indexes) {
                    // Raises an error on an index that disagrees with its table.
                    statement.execute("SELECT public.bt_index_check('amsh.\"" + index + "\"'::regclass, true)");
                }
            }
        }
    }

    /** The line numbers of the script that audit events name, in the order they were recorded. */
    private static List<Integer> scriptLinesAudited(Connection db, String script) throws SQLException {
        Pattern originLine = Pattern.compile("script " + Pattern.quote(script) + ":([0-9]+)");
        List<Integer> lines = new ArrayList<>();
        for (String origin : strings(db, "SELECT ORIGIN FROM AUDIT_EVENT WHERE ORIGIN LIKE 'script "
                + script + ":%' ORDER BY ID")) {
            Matcher matcher = originLine.matcher(origin);
            assertThat(matcher.matches()).as(origin).isTrue();
            lines.add(Integer.parseInt(matcher.group(1)));
        }
        return lines;
    }

    private static String imageName(int i) {
        return String.format("img-%04d", i);
    }

    /** A plain JDBC connection to the catalog, its tables found without a schema name as amsh finds them. */
    private Connection open() throws SQLException {
        if (location.isEmbedded()) {
            return InProcessDerby.open(location.directory().orElseThrow().resolve("db"));
        }
        CatalogCredentials user = credentials.orElseThrow();
        Connection db = DriverManager.getConnection(location.jdbcUrl().orElseThrow(), user.user(), user.password());
        try (Statement statement = db.createStatement()) {
            statement.execute(CatalogEngine.of(location) == CatalogEngine.POSTGRESQL ? "SET search_path TO amsh"
                    : "SET SCHEMA APP");
        }
        return db;
    }

    private static int count(Connection db, String query) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }

    private static List<String> strings(Connection db, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
