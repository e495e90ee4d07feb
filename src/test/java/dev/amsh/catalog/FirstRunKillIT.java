package dev.amsh.catalog;

import dev.amsh.support.AmshProcesses;
import dev.amsh.support.AmshProcesses.Run;
import dev.amsh.support.InProcessDerby;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar's first run on a new catalog, killed with SIGKILL at each step of creating it
 * that shows on disk: the directory, Derby's log, the database being built, its properties, its
 * tables half-way through the schema, the database moved into place. Every time the next run
 * opens the catalog and works: it adds an image, which is then the only one in the catalog. Each
 * moment costs two starts of the jar, one of them building the schema: minutes on a loaded machine.
 */
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class FirstRunKillIT {

    /** The process killed is the one creating the database: the command's own, not a service's. */
    private static final Map<String, String> IN_PROCESS = Map.of("AMSH_SERVICE", "off");

    /** A Derby database holding only its system tables has 73 conglomerate files, amsh's whole schema 100. */
    private static final int PART_OF_THE_SCHEMA = 85;

    @TempDir
    static Path work;

    static Path imageFile;

    /** What the first run has got to on disk when it is killed. */
    enum Moment {
        DIRECTORY_CREATED(catalog -> Files.isDirectory(catalog)),
        DERBY_LOG_OPENED(catalog -> Files.exists(catalog.resolve("derby.log"))),
        DATABASE_BEING_BUILT(catalog -> Files.isDirectory(catalog.resolve("db.creating"))),
        DATABASE_PROPERTIES_WRITTEN(catalog -> Files.exists(catalog.resolve("db.creating/service.properties"))),
        SCHEMA_PART_WAY(catalog -> files(catalog.resolve("db.creating/seg0")) >= PART_OF_THE_SCHEMA),
        DATABASE_IN_PLACE(catalog -> Files.isDirectory(catalog.resolve("db")));

        final Predicate<Path> reached;

        Moment(Predicate<Path> reached) {
            this.reached = reached;
        }
    }

    @BeforeAll
    static void anImageFile() throws IOException {
        assertThat(AmshProcesses.JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
        System.setProperty("derby.stream.error.file", work.resolve("test-derby.log").toString());
        imageFile = work.resolve("image.img");
        Files.write(imageFile, new byte[1024]);
    }

    @ParameterizedTest
    @EnumSource(Moment.class)
    void aFirstRunKilledWhileItCreatesTheCatalogLeavesOneTheNextRunOpens(Moment moment) throws Exception {
        Path catalog = work.resolve("catalog-" + moment.name().toLowerCase());

        killWhenReached(catalog, moment);
        Run next = amsh(catalog, "image", "add", "survivor", imageFile.toString());

        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.err()).isEmpty();
        try (Connection db = InProcessDerby.open(catalog.resolve("db"));
                Statement statement = db.createStatement();
                ResultSet names = statement.executeQuery("SELECT NAME FROM IMAGE")) {
            List<String> images = new ArrayList<>();
            while (names.next()) {
                images.add(names.getString(1));
            }
            assertThat(images).containsExactly("survivor");
        }
        finally {
            shutDown(catalog);
        }
        assertThat(catalog.resolve("db.creating")).doesNotExist();
    }

    /** Starts {@code image list} on a catalog that does not exist yet and kills it once {@code moment} shows on disk. */
    private static void killWhenReached(Path catalog, Moment moment) throws Exception {
        Process first = AmshProcesses.jar(work, IN_PROCESS, arguments(catalog, "image", "list"))
                .redirectOutput(work.resolve("first.out").toFile())
                .redirectError(work.resolve("first.err").toFile())
                .start();
        try {
            while (!moment.reached.test(catalog)) {
                assertThat(first.isAlive()).as("the first run was still creating the catalog at %s", moment).isTrue();
                TimeUnit.MILLISECONDS.sleep(1);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
            assertThat(first.exitValue()).as("ended by SIGKILL at %s, not done already", moment).isEqualTo(128 + 9);
        }
        finally {
            first.destroyForcibly();
        }
    }

    private static long files(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        }
        catch (IOException notYet) {
            return 0;
        }
    }

    /** Only this catalog's database: the jar-level test classes share one JVM and its Derby engine. */
    private static void shutDown(Path catalog) {
        InProcessDerby.shutDown(catalog.resolve("db"));
    }

    private static Run amsh(Path catalog, String... words) throws Exception {
        return AmshProcesses.runJar(work, IN_PROCESS, Duration.ofMinutes(5), arguments(catalog, words));
    }

    private static List<String> arguments(Path catalog, String... words) {
        List<String> arguments = new ArrayList<>(List.of("--catalog", catalog.toString()));
        arguments.addAll(List.of(words));
        return arguments;
    }
}
