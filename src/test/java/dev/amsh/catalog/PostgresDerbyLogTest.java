package dev.amsh.catalog;

import dev.amsh.Launcher;
import dev.amsh.support.PostgresServer;
import dev.amsh.support.AmshProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL catalog whose schema its user cannot bring up to date, opened by a fresh amsh process in
 * a working directory where an attacker planted {@code derby.log} as a link: one line, exit 3, and no
 * Derby log written there or through the link.
 */
class PostgresDerbyLogTest {

    @TempDir
    Path work;

    @Test
    void aSchemaThatCannotBeBroughtUpToDateLeavesNoDerbyLogInTheWorkingDirectory() throws Exception {
        PostgresServer server = PostgresServer.get();
        String database = server.createDatabase();
        String role = "amsh_weak_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        server.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD 'weak-secret'; CREATE SCHEMA amsh;"
                + " GRANT USAGE ON SCHEMA amsh TO " + role);
        Path victim = work.resolve("victim.txt");
        Files.writeString(victim, "untouched\n");
        Path cwd = Files.createDirectory(work.resolve("cwd"));
        Files.createSymbolicLink(cwd.resolve("derby.log"), victim);

        ProcessBuilder amsh = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", AmshProcesses.testClassPath(), Launcher.class.getName(),
                "--catalog-url", server.url(database), "image", "list")
                .directory(cwd.toFile())
                .redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile());
        amsh.environment().put("AMSH_CATALOG_USER", role);
        amsh.environment().put("AMSH_CATALOG_PASSWORD", "weak-secret");
        amsh.environment().put("XDG_CONFIG_HOME", work.resolve("config").toString());
        amsh.environment().put("XDG_STATE_HOME", work.resolve("state").toString());
        Process process = amsh.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        List<String> err = Files.readAllLines(work.resolve("err"), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join("\n", err)).isEqualTo(3);
        assertThat(err).singleElement().asString().startsWith("error: ").contains("cannot bring the catalog schema up to date");
        assertThat(Files.readString(victim)).isEqualTo("untouched\n");
        try (var entries = Files.list(cwd)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly("derby.log");
        }
        assertThat(Files.isSymbolicLink(cwd.resolve("derby.log"))).isTrue();
    }

}
