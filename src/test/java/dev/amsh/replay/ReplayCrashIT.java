package dev.amsh.replay;

import dev.amsh.support.InProcessDerby;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay killed with SIGKILL midway, as a crash or an operator's {@code kill -9} would stop it:
 * the packaged jar replays a large script on a real catalog, the test kills it once its echo shows
 * it is well into the file, then reopens the catalog (Derby recovers it from its log). An atomic
 * run leaves none of its changes; a line-by-line run leaves exactly a prefix of its lines, which
 * the audit log names line by line.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ReplayCrashIT {

    private static final Path JAR = Path.of(System.getProperty("amsh.jar", "target/amsh.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final int IMAGES = 2000;
    private static final String SCRIPT = "big.amsh";
    private static final Pattern ORIGIN_LINE = Pattern.compile("script " + Pattern.quote(SCRIPT) + ":([0-9]+)");

    @TempDir
    static Path work;

    /** A catalog with a default image "base", images img-0001 to img-2000 and two applications on images of their own. */
    static Path setUpCatalog;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void buildTheCatalogAndTheScript() throws Exception {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
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

        setUpCatalog = work.resolve("set-up-catalog");
        Run built = amsh(setUpCatalog, "script", "setup.amsh", "--atomic", "--yes");
        assertThat(built.exitCode()).as(built.err()).isZero();
    }

    @AfterAll
    static void stopDerbyInThisJvm() {
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
        }
        catch (SQLException expected) {
            // Derby reports a successful engine shutdown as an exception (XJ015).
        }
    }

    @Test
    void anAtomicRunKilledMidwayLeavesNoneOfItsChangesAndAConsistentCatalog() throws Exception {
        Path catalog = copyOf(setUpCatalog, "atomic-catalog");

        // Killed midway: killWhenEchoed checks that the run had reached line IMAGES / 2 and died of SIGKILL.
        killWhenEchoed(catalog, IMAGES / 2, "--atomic");
        Run reopened = amsh(catalog, "image", "list", "--format", "json");
        assertThat(reopened.exitCode()).as(reopened.err()).isZero();
        IntStream.rangeClosed(1, IMAGES).forEach(i ->
                assertThat(reopened.out()).contains("\"name\": \"" + imageName(i) + "\""));
        try (Connection db = open(catalog)) {
            assertThat(count(db, "SELECT COUNT(*) FROM IMAGE")).isEqualTo(IMAGES + 3);
            assertThat(count(db, "SELECT COUNT(*) FROM IMAGE_VERSION")).isEqualTo(IMAGES + 3);
            assertThat(scriptLinesAudited(db)).as("no event of the killed run").isEmpty();
            assertConsistent(db);
        }
    }

    @Test
    void aLineByLineRunKilledMidwayLeavesExactlyAPrefixOfItsLinesWhichTheAuditLogNames() throws Exception {
        Path catalog = copyOf(setUpCatalog, "line-by-line-catalog");

        int killedAt = 200;
        killWhenEchoed(catalog, killedAt);

        assertThat(amsh(catalog, "image", "list", "--format", "json").exitCode()).isZero();
        try (Connection db = open(catalog)) {
            TreeSet<Integer> remaining = new TreeSet<>();
            for (String name : strings(db, "SELECT NAME FROM IMAGE WHERE NAME LIKE 'img-%'")) {
                remaining.add(Integer.parseInt(name.substring("img-".length())));
            }
            int applied = IMAGES - remaining.size();
            assertThat(applied).as("lines applied before the kill").isGreaterThanOrEqualTo(killedAt - 1)
                    .isLessThan(IMAGES);
            assertThat(remaining).as("the images of the lines not applied")
                    .containsExactlyElementsOf(IntStream.rangeClosed(applied + 1, IMAGES).boxed().toList());
            assertThat(scriptLinesAudited(db)).as("one event per applied line, naming it")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, applied).boxed().toList());
            assertConsistent(db);
        }
    }

    /**
     * Starts {@code script big.amsh --yes} with {@code options}, reads its echo until line
     * {@code killAt} starts, then kills it with SIGKILL; fails unless the run reached that line
     * and was still running when killed.
     */
    private static void killWhenEchoed(Path catalog, int killAt, String... options) throws Exception {
        List<String> words = new ArrayList<>(List.of("script", SCRIPT, "--yes"));
        words.addAll(List.of(options));
        Process replay = builder(catalog, words.toArray(String[]::new))
                .redirectError(work.resolve("replay-" + catalog.getFileName() + ".err").toFile())
                .start();
        try {
            Pattern echo = Pattern.compile(Pattern.quote(SCRIPT) + ":([0-9]+)> ");
            CompletableFuture<Integer> echoed = CompletableFuture.supplyAsync(() -> {
                int last = 0;
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(replay.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        Matcher matcher = echo.matcher(line);
                        if (matcher.lookingAt()) {
                            last = Integer.parseInt(matcher.group(1));
                            if (last >= killAt) {
                                return last;
                            }
                        }
                    }
                    return last;
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int last = echoed.get(150, TimeUnit.SECONDS);
            assertThat(last).as("the run reached line %d before it ended", killAt).isEqualTo(killAt);
            replay.destroyForcibly();
            assertThat(replay.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
            assertThat(replay.exitValue()).as("ended by SIGKILL").isEqualTo(128 + 9);
        }
        finally {
            replay.destroyForcibly();
        }
    }

    /** Every invariant of the catalog, by SQL, and Derby's own check of each table against its indexes. */
    private static void assertConsistent(Connection db) throws SQLException {
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
        for (String table : List.of("IMAGE_TYPE", "IMAGE", "IMAGE_VERSION", "APPLICATION", "APPLICATION_VERSION",
                "AUDIT_EVENT")) {
            assertThat(count(db, "VALUES SYSCS_UTIL.SYSCS_CHECK_TABLE('APP', '" + table + "')"))
                    .as("Derby's check of %s", table).isEqualTo(1);
        }
    }

    /** The line numbers of big.amsh that audit events name, in the order they were recorded. */
    private static List<Integer> scriptLinesAudited(Connection db) throws SQLException {
        List<Integer> lines = new ArrayList<>();
        for (String origin : strings(db, "SELECT ORIGIN FROM AUDIT_EVENT WHERE ORIGIN LIKE 'script "
                + SCRIPT + ":%' ORDER BY ID")) {
            Matcher matcher = ORIGIN_LINE.matcher(origin);
            assertThat(matcher.matches()).as(origin).isTrue();
            lines.add(Integer.parseInt(matcher.group(1)));
        }
        return lines;
    }

    private static String imageName(int i) {
        return String.format("img-%04d", i);
    }

    private static Connection open(Path catalog) throws SQLException {
        return InProcessDerby.open(catalog.resolve("db"));
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

    private static Path copyOf(Path catalog, String name) throws IOException {
        Path copy = work.resolve(name);
        try (Stream<Path> files = Files.walk(catalog)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(catalog.relativize(file).toString()));
            }
        }
        return copy;
    }

    private static Run amsh(Path catalog, String... words) throws Exception {
        Path out = work.resolve("amsh.out");
        Path err = work.resolve("amsh.err");
        Process process = builder(catalog, words).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("amsh ends").isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static ProcessBuilder builder(Path catalog, String... words) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString(),
                "--catalog", catalog.toString()));
        command.addAll(List.of(words));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("AMSH_CATALOG");
        builder.environment().remove("AMSH_CATALOG_URL");
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return builder;
    }
}
