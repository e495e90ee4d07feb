package dev.amsh;

import org.junit.jupiter.api.BeforeEach;
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
 * The {@code amsh} launcher script picks the JIT by the command: the quick compiler alone for
 * short and interactive commands, both compilers for work that runs long (replays, hashing or
 * fetching an image's content). A stand-in {@code java} on the PATH records what it was given.
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
        Files.writeString(target.resolve("amsh.jsa"), "archive");
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwx------"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image list", "--catalog /c image delete foo --yes", "", "image show foo", "--debug audit list"})
    void shortCommandsUseTheQuickCompilerOnly(String command) throws Exception {
        assertThat(javaArguments(command)).contains("-XX:TieredStopAtLevel=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image add big /tmp/big.img", "--catalog /c image update foo /tmp/big.img",
            "image sync foo", "script cleanup.amsh", "@cleanup.amsh", "--catalog=/c --allow-foreign-catalog image add x y"})
    void longWorkGetsTheOptimizingCompiler(String command) throws Exception {
        List<String> arguments = javaArguments(command);

        assertThat(arguments).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(arguments).endsWith(command.split(" "));
    }

    private List<String> javaArguments(String command) throws Exception {
        List<String> line = new ArrayList<>(List.of("sh", script.toString()));
        if (!command.isEmpty()) {
            line.addAll(List.of(command.split(" ")));
        }
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("PATH", home.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(output).isZero();
        List<String> arguments = output.lines().toList();
        assertThat(arguments).as("the fast-start jar ran").contains("-jar", home.resolve("target/amsh-app/amsh.jar").toString());
        return arguments;
    }
}
