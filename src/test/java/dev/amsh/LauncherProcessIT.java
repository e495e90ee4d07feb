package dev.amsh;

import dev.amsh.support.AmshProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as an operator runs it: {@code java -jar target/amsh.jar ...} in a working
 * directory of its own, on a catalog named by {@code AMSH_CATALOG}. Needs the jar, which
 * {@code mvn verify} packages before it runs this test: without it every test fails at once, saying so.
 */
class LauncherProcessIT {

    private static final Path JAR = Path.of(System.getProperty("amsh.jar", "target/amsh.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);
    private static final String LIST_HEADER = "ID  NAME  STATUS  VERSIONS  ARCHITECTURE  TYPE  DEFAULT  IMMUTABLE";

    @TempDir
    Path workingDirectory;

    @TempDir
    Path home;

    Path catalog;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void requireTheJar() {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
    }

    @BeforeEach
    void freshCatalog() {
        catalog = home.resolve("catalog");
    }

    @Test
    void imageListOnAFreshCatalogCreatesItAndPrintsOnlyTheListing() throws Exception {
        Run run = amsh("image", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(LIST_HEADER + "\n");
        // A mistyped --catalog would otherwise go unnoticed; a first run's service may take a while to start.
        assertThat(run.err().lines().toList()).startsWith("created a new catalog at " + catalog)
                .allMatch(line -> line.equals("created a new catalog at " + catalog)
                        || line.equals("starting the amsh service for " + catalog + "..."));
        assertThat(amsh("image", "list").err()).as("an existing catalog is not new").isEmpty();
        assertThat(catalog.resolve("db")).isDirectory();
        assertThat(catalog.resolve("derby.log")).isRegularFile();
    }

    @Test
    void nothingIsWrittenIntoTheWorkingDirectory() throws Exception {
        Path image = home.resolve("image.tar.xz");
        Files.write(image, new byte[4096]);

        Run added = amsh("image", "add", "jammy:android13:amd64", image.toString());
        Run listed = amsh("image", "list", "--format", "json");
        Run refused = amsh("image", "delete", "nope", "--yes");
        Run unknown = amsh("image", "frobnicate");

        // Each ran to its own end (done, done, refused, not understood), not to some start-up failure.
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("\"name\": \"jammy:android13:amd64\"");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
        assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(2);

        try (Stream<Path> files = Files.list(workingDirectory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void oneShotCommandsExitWithSpecsCodes() throws Exception {
        Path image = home.resolve("image.tar.xz");
        Files.write(image, new byte[2048]);

        Run added = amsh("amc", "image", "add", "jammy:android13:amd64", image.toString());
        Run unknownCommand = amsh("image", "frobnicate");
        Run refused = amsh("image", "delete", "jammy:android13:amd64", "--version", "0", "--yes");
        Run notConfirmed = amsh("image", "delete", "jammy:android13:amd64");
        Run deleted = amsh("image", "delete", "jammy:android13:amd64", "--yes");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("added jammy:android13:amd64 (").endsWith("default container image\n");
        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.err()).startsWith("error: unknown command 'image frobnicate'").hasLineCount(1);
        assertThat(unknownCommand.out()).isEmpty();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: cannot delete jammy:android13:amd64 (1 rule refuses):")
                .contains("D4 last version:");
        assertThat(notConfirmed.exitCode()).isEqualTo(1);
        assertThat(notConfirmed.err()).contains("no terminal to ask; add --yes").hasLineCount(1);
        assertThat(notConfirmed.out()).isEmpty();
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("removed jammy:android13:amd64: version 0 (2.0 KiB)\n"
                + "there is now no default container image\n");
    }

    @Test
    void theCatalogOptionStandsBeforeTheCommand() throws Exception {
        Path other = home.resolve("other-catalog");

        Run run = amshWithoutCatalogEnvironment("--catalog", other.toString(), "image", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(other.resolve("db")).isDirectory();
        assertThat(catalog).doesNotExist();
    }

    @Test
    void commandsPipedIntoTheShellPrintNoPromptGoOnAfterAnErrorAndExitWithTheWorstCode() throws Exception {
        // The catalog and its service exist already: a first run would also say it made them.
        assertThat(amsh("image", "list").exitCode()).isZero();
        Run run = amshWithInput("image frobnicate\nimage list --format json\nquit\n");

        assertThat(run.exitCode()).isEqualTo(2);
        // Output only on stdout, one error line on stderr: no prompt, banner, log or trace.
        assertThat(run.out()).isEqualTo("[]\n");
        assertThat(run.err()).matches("error: unknown command 'image frobnicate'; try: image add, image delete,"
                + " [a-z ,]+\n");
    }

    @Test
    void commandsPipedIntoTheShellAreNeverAskedToConfirm() throws Exception {
        Path image = Files.writeString(home.resolve("piped.img"), "content");
        assertThat(amsh("image", "add", "piped", image.toString()).exitCode()).isZero();

        Run run = amshWithInput("image delete piped\nimage list --format csv\nexit\n");

        assertThat(run.out() + run.err()).contains("nothing removed").contains("add --yes").doesNotContain("[Y/n]")
                .contains(",piped,");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void helpAnswersOnEveryWordANewUserTypesFirst() throws Exception {
        // The catalog and its service exist already: a first run would also say it made them.
        assertThat(amsh("image", "list").exitCode()).isZero();
        for (List<String> words : List.of(List.of("image", "--help"), List.of("serve", "--help"),
                List.of("dashboard", "--help"), List.of("image", "delete", "-h"), List.of("--help"))) {
            Run run = amsh(words.toArray(String[]::new));

            assertThat(run.exitCode()).as(words + ": " + run.err()).isZero();
            assertThat(run.out()).as(words.toString()).isNotBlank();
            assertThat(run.err()).as(words.toString()).isEmpty();
        }
        assertThat(amsh("serve", "--help").out()).startsWith("serve - ").contains("--idle DURATION");
        assertThat(amsh("image", "--help").out()).contains("image delete").contains("image list");
    }

    @Test
    void aMistypedGlobalOptionIsNamedWithTheOneMeant() throws Exception {
        Run run = amshWithoutCatalogEnvironment("--catlog", catalog.toString(), "image", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown option --catlog for 'amsh'; did you mean --catalog?\n");
        assertThat(catalog).doesNotExist();
    }

    @Test
    void badGlobalOptionsAreAUsageError() throws Exception {
        Run run = amshWithoutCatalogEnvironment("--catalog");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: --catalog needs a value (DIR)\n");
    }

    private Run amsh(String... words) throws Exception {
        return finish(start(List.of(words)), "");
    }

    private Run amshWithInput(String input) throws Exception {
        return finish(start(List.of()), input);
    }

    private Run amshWithoutCatalogEnvironment(String... words) throws Exception {
        ProcessBuilder builder = builder(List.of(words));
        builder.environment().remove("AMSH_CATALOG");
        builder.environment().put("XDG_DATA_HOME", home.resolve("xdg").toString());
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        return finish(builder.start(), "");
    }

    private Process start(List<String> words) throws IOException {
        return builder(words).start();
    }

    private ProcessBuilder builder(List<String> words) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(words);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("AMSH_CATALOG", catalog.toString());
        builder.environment().remove("AMSH_CATALOG_URL");
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        return builder;
    }

    /** Writes the input, closes stdin (so a shell sees the end) and collects both outputs. */
    private static Run finish(Process process, String input) throws Exception {
        try {
            try (Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                in.write(input);
            }
            StringBuilder errText = new StringBuilder();
            Thread errReader = new Thread(() -> errText.append(readAll(process.getErrorStream())));
            errReader.start();
            String out = readAll(process.getInputStream());
            assertThat(process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("amsh ends").isTrue();
            errReader.join();
            return new Run(process.exitValue(), out, errText.toString());
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static String readAll(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
