package dev.amsh;

import dev.amsh.command.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code amsh dashboard} refuses to serve beyond loopback without HTTPS, {@code amsh serve} the dashboard's
 * options without {@code --dashboard} or with {@code --status}: one line, exit 2, no catalog touched.
 */
class LauncherDashboardTest {

    @TempDir
    Path home;

    @Test
    void listenWithoutAKeystoreIsRefusedBeforeTheCatalogIsOpened() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path catalog = home.resolve("catalog");

        int code = Launcher.run(new String[] {"--catalog", catalog.toString(), "dashboard", "--listen", "0.0.0.0"},
                Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(Exit.USAGE.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1)
                .startsWith("error: --listen serves other machines, over HTTPS only: add --keystore FILE");
        assertThat(catalog).doesNotExist();
    }

    @Test
    void serveWithTheDashboardsOptionsButNotTheDashboardIsOneUsageLine() {
        assertRefusedAsUsage("serve", "--port", "8080");
    }

    @Test
    void serveStatusWithTheDashboardIsOneUsageLine() {
        assertRefusedAsUsage("serve", "--status", "--dashboard");
    }

    @Test
    void serveDashboardOnACatalogUrlIsOneUsageLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Launcher.run(new String[] {"--catalog-url", "jdbc:derby://127.0.0.1:1/nowhere", "serve",
                "--dashboard"}, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(Exit.USAGE.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1)
                .startsWith("error: serve runs the service of an embedded catalog");
    }

    /** A port another program holds is named as such, not taken for a catalog that cannot open. */
    @Test
    void serveDashboardOnAPortInUseSaysSoInOneLineAndFails() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path catalog = home.resolve("catalog");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = Launcher.run(new String[] {"--catalog", catalog.toString(), "serve", "--dashboard", "--port",
                    Integer.toString(taken.getLocalPort())}, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(Exit.FAILED.code());
            assertThat(err.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("error: ")))
                    .containsExactly("error: the dashboard could not start: port " + taken.getLocalPort() + " is in use");
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ", "Exception");
        }
    }

    private void assertRefusedAsUsage(String... command) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path catalog = home.resolve("catalog");
        String[] args = new String[command.length + 2];
        args[0] = "--catalog";
        args[1] = catalog.toString();
        System.arraycopy(command, 0, args, 2, command.length);

        int code = Launcher.run(args, Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(Exit.USAGE.code());
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1).startsWith("error: ")
                .contains("usage: amsh serve");
        assertThat(catalog).doesNotExist();
    }
}
