package dev.amsh.catalog;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog database amsh opens: code planted in it is refused before any of it can run, its
 * files are the operator's alone, and a first run cut short leaves nothing that blocks the next.
 */
class CatalogDatabaseTrustTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    /** A catalog as amsh creates it, copied for each test that starts from one: Liquibase takes seconds. */
    @TempDir
    static Path template;

    @TempDir
    Path home;

    Path catalog;
    Path database;
    Path marker;

    @BeforeAll
    static void createTemplate() {
        CatalogDirectory.prepare(template.resolve("catalog"), false);
        new CatalogDataSourceConfiguration().dataSource(CatalogLocation.embedded(template.resolve("catalog")), Optional.empty(), LOCK_TIMEOUT);
        CatalogDatabase.shutDown(template.resolve("catalog/db"));
    }

    @BeforeEach
    void paths() {
        catalog = home.resolve("catalog");
        database = catalog.resolve("db");
        marker = home.resolve("planted-code-ran");
    }

    @AfterEach
    void shutDown() {
        CatalogDatabase.shutDown(database);
    }

    @Test
    void aTriggerCallingAStoredJarIsRefusedBeforeItCanRun() throws Exception {
        createCatalog();
        Path jar = compilePlantedJar();
        // Planted as by another program: without amsh's boot settings, which would not even let it create the trigger.
        String amshClassPath = System.clearProperty("derby.database.classpath");
        try {
            JdbcTemplate jdbc = plantable();
            jdbc.execute("CALL SQLJ.INSTALL_JAR('" + jar.toUri() + "', 'APP.PLANTED', 0)");
            jdbc.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.database.classpath', 'APP.PLANTED')");
            jdbc.execute("CREATE PROCEDURE APP.PLANTED(IN PATH VARCHAR(1000)) LANGUAGE JAVA PARAMETER STYLE JAVA"
                    + " NO SQL EXTERNAL NAME 'planted.Payload.run'");
            // Fired by the first write amsh would make on opening an outdated catalog.
            jdbc.execute("CREATE TRIGGER APP.ON_SCHEMA AFTER DELETE ON CATALOG_SCHEMA FOR EACH STATEMENT"
                    + " CALL APP.PLANTED('" + marker + "')");
            jdbc.update("UPDATE CATALOG_SCHEMA SET CHANGELOG_CHECKSUM = ?", "0".repeat(64));
            CatalogDatabase.shutDown(database);
        }
        finally {
            System.setProperty("derby.database.classpath", amshClassPath);
        }

        assertThatThrownBy(this::openCatalog)
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage("it holds code that amsh did not put there (trigger ON_SCHEMA, routine APP.PLANTED,"
                        + " stored jar PLANTED);"
                        + " amsh refuses a catalog that could run someone else's code");
        assertThat(marker).doesNotExist();

        // Even fired, the trigger cannot load the stored jar: amsh set an empty database class path at boot.
        assertThatThrownBy(() -> plantable().update("DELETE FROM CATALOG_SCHEMA"))
                .hasMessageContaining("NoClassDefFoundError: planted/Payload");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CREATE PROCEDURE APP.P() LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL EXTERNAL NAME 'java.lang.System.gc'"
                + " | routine APP.P",
        "CREATE FUNCTION APP.F() RETURNS INT LANGUAGE JAVA PARAMETER STYLE JAVA NO SQL"
                + " EXTERNAL NAME 'java.lang.Runtime.availableProcessors' | routine APP.F",
        "CREATE TRIGGER APP.T AFTER INSERT ON AUDIT_EVENT FOR EACH STATEMENT VALUES 1 | trigger T",
        "CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.database.propertiesOnly', 'true')"
                + " | derby.database.propertiesOnly=true",
    })
    void anyObjectThatCouldRunCodeIsRefused(String plant, String named) throws IOException {
        createCatalog();
        plantable().execute(plant);
        CatalogDatabase.shutDown(database);

        assertThatThrownBy(this::openCatalog)
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("it holds code that amsh did not put there (" + named + ")");
    }

    @Test
    void amshsOwnCatalogOpensAgain() throws IOException {
        createCatalog();

        assertThat(new JdbcTemplate(openCatalog()).queryForObject("SELECT COUNT(*) FROM IMAGE_TYPE", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void everyFileOfAFirstRunIsTheOperatorsAlone() throws IOException {
        CatalogDirectory.prepare(catalog, false);
        try (CatalogLock lock = CatalogLock.acquire(catalog)) {
            PrivateFiles.ensurePrivateFile(catalog.resolve(CatalogLocation.HISTORY_FILE));
            openCatalog();
            CatalogDatabase.shutDown(database);
        }

        try (Stream<Path> files = Files.walk(catalog)) {
            assertThat(files).isNotEmpty().allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.toString())
                    .isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------"));
        }
        assertThat(database.resolve("seg0")).isDirectory();
        assertThat(catalog.resolve("derby.log")).isRegularFile();
    }

    @Test
    void filesOfAnOlderAmshAreMadePrivate() throws IOException {
        createCatalog();
        Path log = Files.writeString(catalog.resolve("derby.log"), "old");
        Path lock = Files.createFile(catalog.resolve("amsh.lock"));
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));

        CatalogLock.acquire(catalog).close();
        openCatalog();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock))).isEqualTo("rw-------");
    }

    @Test
    void aLinkedLogIsRefusedAndItsTargetLeftAlone() throws IOException {
        createCatalog();
        Path victim = Files.writeString(home.resolve("victim"), "precious");
        Files.delete(catalog.resolve("derby.log"));
        Path link = Files.createSymbolicLink(catalog.resolve("derby.log"), victim);

        assertThatThrownBy(this::openCatalog)
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage(link + " is a symbolic link; amsh does not follow links in its files: remove it (rm "
                        + link + ")");
        assertThat(victim).hasContent("precious");
    }

    @Test
    void aLinkedLockIsRefusedAndNothingIsWrittenWhereItPoints() throws IOException {
        CatalogDirectory.prepare(catalog, false);
        Path victim = Files.writeString(home.resolve("victim"), "precious");
        Path elsewhere = home.resolve("created-elsewhere");
        Path lock = catalog.resolve("amsh.lock");
        for (Path target : new Path[] {victim, elsewhere}) {
            Files.createSymbolicLink(lock, target);

            assertThatThrownBy(() -> CatalogLock.acquire(catalog))
                    .isInstanceOf(CatalogUnavailableException.class)
                    .hasMessageStartingWith(lock + " is a symbolic link");
            Files.delete(lock);
        }
        assertThat(victim).hasContent("precious");
        assertThat(Files.getPosixFilePermissions(victim)).isNotEqualTo(PrivateFiles.OWNER_ONLY_FILE);
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void aLinkedHistoryIsRefused() throws IOException {
        Path victim = Files.writeString(home.resolve("victim"), "precious");
        Path history = Files.createSymbolicLink(home.resolve("history"), victim);

        assertThatThrownBy(() -> PrivateFiles.ensurePrivateFile(history))
                .hasMessageStartingWith(history + " is a symbolic link");
        assertThat(victim).hasContent("precious");
    }

    @Test
    void aDatabaseAnOlderAmshLeftUnfinishedIsRecognisedAndTheRemedyGiven() throws IOException {
        CatalogDirectory.prepare(catalog, false);
        // What an older amsh killed early in its first run left: Derby had not yet written service.properties.
        Files.createDirectories(database.resolve("seg0"));
        Files.createDirectories(database.resolve("log"));

        assertThatThrownBy(this::openCatalog)
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage("its database " + database + " was never finished (the first run of an older amsh"
                        + " was interrupted) and holds nothing: remove it (rm -r " + database + ") and run amsh again");
        assertThat(database.resolve("seg0")).isDirectory();

        CatalogDatabase.shutDown(database);
        deleteTree(database);
        assertThat(new JdbcTemplate(openCatalog()).queryForObject("SELECT COUNT(*) FROM IMAGE_TYPE", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void aFirstRunKilledWhileCreatingLeavesACatalogTheNextRunCreates() throws IOException {
        CatalogDirectory.prepare(catalog, false);
        Path creating = catalog.resolve(CatalogDatabase.CREATING_DIRECTORY);
        // Killed half-way through Liquibase: a booted database with part of the schema, never moved into place.
        JdbcTemplate half = new JdbcTemplate(new DriverManagerDataSource("jdbc:derby:" + creating + ";create=true"));
        half.execute("CREATE TABLE IMAGE_TYPE (ID INT)");
        CatalogDatabase.shutDown(creating);

        JdbcTemplate jdbc = new JdbcTemplate(openCatalog());

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM IMAGE_TYPE", Integer.class)).isEqualTo(2);
        assertThat(creating).doesNotExist();
        assertThat(database.resolve("service.properties")).isRegularFile();
    }

    @Test
    void anUnfinishedNewDatabaseIsNeverInThePlaceOfTheCatalog() throws IOException {
        CatalogDirectory.prepare(catalog, false);
        Path creating = catalog.resolve(CatalogDatabase.CREATING_DIRECTORY);
        // Killed before Derby wrote anything but its directories.
        Files.createDirectories(creating.resolve("seg0"));

        openCatalog();

        assertThat(creating).doesNotExist();
        assertThat(database.resolve("service.properties")).isRegularFile();
    }

    private javax.sql.DataSource openCatalog() {
        return new CatalogDataSourceConfiguration().dataSource(CatalogLocation.embedded(catalog), Optional.empty(), LOCK_TIMEOUT);
    }

    private void createCatalog() throws IOException {
        Path source = template.resolve("catalog");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Files.copy(path, catalog.resolve(source.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private JdbcTemplate plantable() {
        return new JdbcTemplate(new DriverManagerDataSource("jdbc:derby:" + database));
    }

    /** A jar whose class is on no class path but the database's: it can only run if Derby loads it from there. */
    private Path compilePlantedJar() throws IOException {
        Path source = Files.createDirectories(home.resolve("src/planted")).resolve("Payload.java");
        Files.writeString(source, """
                package planted;
                public class Payload {
                    public static void run(String path) throws Exception {
                        java.nio.file.Files.writeString(java.nio.file.Path.of(path), "ran");
                    }
                }
                """);
        Path classes = Files.createDirectories(home.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(null, null, null, "-d", classes.toString(), source.toString());
        assertThat(compiled).isZero();
        Path jar = home.resolve("planted.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("planted/Payload.class"));
            out.write(Files.readAllBytes(classes.resolve("planted/Payload.class")));
            out.closeEntry();
        }
        return jar;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
