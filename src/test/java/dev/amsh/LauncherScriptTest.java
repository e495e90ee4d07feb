package dev.amsh;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code amsh} launcher script: the client, a short process, with the quick compiler alone;
 * the service it starts, and what runs the application in its own process ({@code serve}, the
 * dashboard, {@code --no-service}), with both compilers and the class-data-sharing archive. It
 * finds its checkout through a link. A stand-in {@code java} on the PATH records what it was given.
 */
class LauncherScriptTest {

    @TempDir
    Path home;

    private Path script;

    @BeforeEach
    void launcherBesideAFastStartBuild() throws IOException {
        script = home.resolve("amsh");
        Files.copy(Path.of("amsh"), script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path target = Files.createDirectories(home.resolve("target/amsh-app"));
        Files.writeString(home.resolve("target/amsh.jar"), "jar");
        Files.setLastModifiedTime(home.resolve("target/amsh.jar"), FileTime.from(Instant.now().minusSeconds(60)));
        Files.writeString(target.resolve("amsh.jar"), "jar");
        Files.writeString(target.resolve("amsh-client.jar"), "client jar");
        Files.writeString(target.resolve("amsh.jsa"), "archive");
        Files.writeString(target.resolve("amsh-client.jsa"), "client archive");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwx------"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image list", "--catalog /c image delete foo --yes", "", "image show foo", "--debug audit list",
            "script cleanup.amsh", "image add big /tmp/big.img"})
    void theClientUsesTheQuickCompilerOnlyAndStartsTheServiceWithBothAndTheArchive(String command) throws Exception {
        List<String> arguments = javaArguments(script, command);

        assertThat(arguments).contains("-XX:TieredStopAtLevel=1",
                "-XX:SharedArchiveFile=" + home.resolve("target/amsh-app/amsh-client.jsa"));
        String service = arguments.stream().filter(argument -> argument.startsWith("-Damsh.service.java-options="))
                .findFirst().orElseThrow();
        assertThat(service).contains("-XX:SharedArchiveFile=" + home.resolve("target/amsh-app/amsh.jsa"))
                .contains("-Dspring.aot.enabled=true").doesNotContain("TieredStopAtLevel");
        // The client's own small jar; the application's, for the service and a command run without one.
        assertThat(arguments).containsSequence("-cp", home.resolve("target/amsh-app/amsh-client.jar").toString(),
                        "dev.amsh.client.AmshClient")
                .contains("-Damsh.application.jar=" + home.resolve("target/amsh-app/amsh.jar"));
        assertThat(arguments).endsWith(command.isEmpty() ? new String[] {"dev.amsh.client.AmshClient"}
                : command.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "--catalog /c serve --idle 30m", "dashboard --port 8080",
            "--catalog=/c --no-service image add x y"})
    void whatRunsTheApplicationInItsOwnProcessGetsTheOptimizingCompilerAndTheArchive(String command) throws Exception {
        List<String> arguments = javaArguments(script, command);

        assertThat(arguments).doesNotContain("-XX:TieredStopAtLevel=1",
                        "-XX:SharedArchiveFile=" + home.resolve("target/amsh-app/amsh-client.jsa"))
                .contains("-XX:SharedArchiveFile=" + home.resolve("target/amsh-app/amsh.jsa"))
                .containsSequence("-jar", home.resolve("target/amsh-app/amsh.jar").toString());
        assertThat(arguments).endsWith(command.split(" "));
    }

    @Test
    void aLinkOnThePathRunsTheCheckoutItPointsTo() throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(home.resolve("elsewhere")).resolve("amsh"), script);

        assertThat(javaArguments(link, "image list")).endsWith("image", "list");
    }

    @Test
    void sourcesNewerThanTheJarAreBuiltFirstShowingMavensSteps() throws Exception {
        Files.writeString(Files.createDirectories(home.resolve("src")).resolve("Changed.java"), "class Changed {}");
        Path mvn = home.resolve("bin/mvn");
        Files.writeString(mvn, "#!/bin/sh\necho '[INFO] Scanning for projects...'\n"
                + "echo '[INFO] --- compiler:3.14.1:compile (default-compile) @ amsh ---'\ntouch target/amsh.jar target/amsh-app/amsh.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));

        String output = String.join("\n", javaArguments(script, "image list"));

        assertThat(output).contains("building amsh (the sources are newer than target/amsh.jar; Maven's steps follow)...")
                .contains("  compiler:3.14.1:compile (default-compile) @ amsh").doesNotContain("Scanning for projects");
        assertThat(String.join("\n", javaArguments(script, "image list"))).as("built once: up to date now")
                .doesNotContain("building amsh");
    }

    @Test
    void aFailedBuildShowsMavensOutputEndsWithThreeAndRunsNoOlderJar() throws Exception {
        Files.writeString(Files.createDirectories(home.resolve("src")).resolve("Broken.java"), "class Broken {");
        // What the last good build left: a failed one must not be read as it.
        Files.writeString(home.resolve("target/build.status"), "0\n");
        fakeMaven("echo '[ERROR] COMPILATION ERROR : Broken.java'\nexit 1\n");

        Launched launched = launch(script, List.of("image", "list"));

        assertThat(launched.exitCode()).as(launched.output()).isEqualTo(3);
        assertThat(launched.output()).contains("[ERROR] COMPILATION ERROR : Broken.java")
                .contains("error: the build failed (its output: " + home.resolve("target/build.log") + ")")
                .doesNotContain("-jar");
    }

    @Test
    void tabInBashNeverBuildsAndCompletesWithTheJarThereIs() throws Exception {
        Files.writeString(Files.createDirectories(home.resolve("src")).resolve("Changed.java"), "class Changed {}");
        fakeMaven("echo '[INFO] --- compiler:3.14.1:compile (default-compile) @ amsh ---'\nexit 1\n");

        List<String> arguments = javaArguments(script, "--catalog /c __complete image");

        assertThat(arguments).doesNotContain("building amsh (the sources are newer than target/amsh.jar; Maven's steps"
                + " follow)...").contains("-XX:TieredStopAtLevel=1").endsWith("__complete", "image");
        assertThat(launch(script, List.of("image", "list")).output()).as("any other command builds")
                .contains("building amsh");
    }

    private void fakeMaven(String body) throws IOException {
        Path mvn = home.resolve("bin/mvn");
        Files.writeString(mvn, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
    }

    private record Launched(int exitCode, String output) {
    }

    private Launched launch(Path launcher, List<String> arguments) throws Exception {
        List<String> line = new ArrayList<>(List.of("sh", launcher.toString()));
        line.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Launched(process.exitValue(), output);
    }

    private List<String> javaArguments(Path launcher, String command) throws Exception {
        Launched launched = launch(launcher, command.isEmpty() ? List.of() : List.of(command.split(" ")));
        String output = launched.output();
        assertThat(launched.exitCode()).as(output).isZero();
        List<String> arguments = output.lines().toList();
        assertThat(arguments).as("the fast-start jars ran").containsAnyOf("-jar", "-cp")
                .anyMatch(argument -> argument.startsWith(home.resolve("target/amsh-app").toString()));
        return arguments;
    }
}
