package dev.amsh;

import dev.amsh.support.AmshProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script's fast start (ahead-of-time bean definitions and the class-data-sharing
 * archive) runs the same product as the plain jar: a session of commands gives the same output
 * and exit codes both ways, and the JVM prints nothing of its own.
 */
class FastStartIT {

    private static final Path LAUNCHER = Path.of("amsh").toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("amsh.jar", "target/amsh.jar")).toAbsolutePath();

    @TempDir
    Path work;

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void theLauncherAndThePlainJarAnswerAlike() throws Exception {
        assertThat(JAR.resolveSibling("amsh-app").resolve("amsh.jsa")).as("mvn package makes the archive").isRegularFile();
        Path image = Files.writeString(work.resolve("image.img"), "content");
        List<List<String>> session = List.of(
                List.of("image", "add", "jammy:android13:amd64", image.toString()),
                List.of("image", "update", "jammy:android13:amd64", image.toString()),
                List.of("application", "create", "app1", "--image", "jammy:android13:amd64"),
                List.of("image", "delete", "jammy:android13:amd64", "--yes"),
                List.of("image", "delete", "jammy:android13:amd64", "-v", "0", "--yes"),
                List.of("image", "frobnicate"),
                List.of("image", "list", "--format", "csv"));

        List<Run> viaLauncher = replay(List.of(LAUNCHER.toString()), work.resolve("fast"), session);
        List<Run> viaJar = replay(List.of(javaBinary(), "-jar", JAR.toString()), work.resolve("plain"), session);
        for (String catalog : List.of("fast", "plain")) {
            run(List.of(LAUNCHER.toString(), "--catalog", work.resolve(catalog).toString(), "serve", "--stop"));
        }

        for (int i = 0; i < session.size(); i++) {
            Run fast = viaLauncher.get(i);
            Run plain = viaJar.get(i);
            assertThat(fast.exitCode()).as(String.join(" ", session.get(i))).isEqualTo(plain.exitCode());
            assertThat(normalized(fast.out())).as(String.join(" ", session.get(i))).isEqualTo(normalized(plain.out()));
            assertThat(fast.err()).doesNotContain("[warning]").doesNotContain("Exception");
        }
        assertThat(viaLauncher.get(4).out()).contains("removed jammy:android13:amd64: version 0");
        assertThat(viaLauncher.get(5).exitCode()).isEqualTo(2);
        // The fast-start client reads its build beside its jar; a client and a service of one build must agree.
        Run clientBuild = run(List.of(LAUNCHER.toString(), "--version"));
        assertThat(clientBuild.out()).startsWith("amsh ").contains("commit ")
                .isEqualTo(run(List.of(javaBinary(), "-jar", JAR.toString(), "--version")).out());
    }

    private static List<Run> replay(List<String> command, Path catalog, List<List<String>> session) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (List<String> words : session) {
            List<String> argv = new ArrayList<>(command);
            argv.add("--catalog");
            argv.add(catalog.toString());
            argv.addAll(words);
            runs.add(run(argv));
        }
        return runs;
    }

    private static Run run(List<String> argv) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The environment would win over --catalog (the README's order).
        builder.environment().remove("AMSH_CATALOG");
        builder.environment().remove("AMSH_CATALOG_URL");
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        Process process = builder.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        assertThat(ended).as("ends: " + argv).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Ids and sizes of generated content differ between the two catalogs; the rest must not. */
    private static String normalized(String output) {
        return output.replaceAll("[0-9a-v]{20}", "<id>");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
