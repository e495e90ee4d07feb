package dev.amsh;

import dev.amsh.command.Exit;
import dev.amsh.support.AuthenticatedDerbyServer;
import dev.amsh.support.CatalogFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.amsh.support.AuthenticatedDerbyServer.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The launcher's own error lines for a network catalog: no password echoed, no connection without credentials. */
class LauncherSecretsTest {

    @TempDir
    Path home;

    @Test
    void aPasswordInTheCatalogUrlIsRefusedWithoutEchoingIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Launcher.run(new String[] {"--catalog-url",
                        "jdbc:derby://127.0.0.1:1/nowhere;user=amsh;password=hunter2", "image", "list"},
                Map.of("XDG_CONFIG_HOME", home.toString()), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Exit.USAGE.code());
        assertThat(printed).startsWith("error: catalog URL jdbc:derby://127.0.0.1:1/nowhere;user=amsh;password=***"
                + " names a user or password").doesNotContain("hunter2");
    }

    @Test
    void aCatalogThatCannotBeReachedIsOneLineWithoutThePassword() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Launcher.run(new String[] {"--catalog-url", "jdbc:derby://127.0.0.1:1/nowhere", "image", "list"},
                Map.of("XDG_CONFIG_HOME", home.toString(), "AMSH_CATALOG_USER", "amsh", "AMSH_CATALOG_PASSWORD", "hunter2"),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Exit.FAILED.code());
        assertThat(printed).startsWith("error: cannot open catalog jdbc:derby://127.0.0.1:1/nowhere")
                .doesNotContain("hunter2");
        assertThat(printed.lines()).hasSize(1);
    }

    @Test
    void theCatalogPasswordAppearsInNoOutputAndNoFile() throws Exception {
        Path serverHome = home.resolve("server");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(),
                "AMSH_CATALOG_USER", OPERATOR.user(), "AMSH_CATALOG_PASSWORD", OPERATOR.password());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        try (AuthenticatedDerbyServer server = AuthenticatedDerbyServer.start(serverHome);
                PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            for (String command : List.of("image add secretive " + CatalogFixture.imageFile(64), "image list",
                    "audit list -o json", "image show nothing-here")) {
                String[] args = Stream.concat(Stream.of("--catalog-url", server.url()), Stream.of(command.split(" ")))
                        .toArray(String[]::new);
                Launcher.run(args, env, capture);
            }
        }
        finally {
            System.setOut(console);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("secretive").doesNotContain(OPERATOR.password());
        byte[] password = OPERATOR.password().getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home)) {
            List<Path> written = files.filter(Files::isRegularFile).toList();
            assertThat(written).as("the server's database and logs, amsh's state").isNotEmpty();
            for (Path file : written) {
                assertThat(indexOf(Files.readAllBytes(file), password)).as(file.toString()).isEqualTo(-1);
            }
        }
    }

    @Test
    void withoutCredentialsNothingConnects() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = Launcher.run(new String[] {"--catalog-url",
                            "jdbc:derby://127.0.0.1:" + listener.getLocalPort() + "/catalog", "image", "list"},
                    Map.of("XDG_CONFIG_HOME", home.toString()), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(code).isEqualTo(Exit.FAILED.code());
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .startsWith("error: catalog jdbc:derby://127.0.0.1:" + listener.getLocalPort()
                            + "/catalog needs a user and a password: set AMSH_CATALOG_USER and AMSH_CATALOG_PASSWORD");
            // A connection made before run returned would be waiting in the backlog by now.
            listener.setSoTimeout(1);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
