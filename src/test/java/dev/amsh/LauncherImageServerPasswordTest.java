package dev.amsh;

import com.sun.net.httpserver.HttpServer;
import dev.amsh.client.AmshClient;
import dev.amsh.command.Exit;
import dev.amsh.imageserver.ImageServerCredentials;
import dev.amsh.support.AmshProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-shot command's words are every local user's to read ({@code ps}, {@code /proc/PID/cmdline}):
 * {@code image server set} run that way refuses a password in its URL, before anything is kept, and
 * takes it from standard input instead, as {@code docker login --password-stdin} does.
 */
class LauncherImageServerPasswordTest {

    private static final String PASSWORD = "s3cret-pw";

    @TempDir
    Path home;

    HttpServer server;
    Path catalog;

    @BeforeEach
    void startServer() throws IOException {
        catalog = home.resolve("catalog");
        String expected = "Basic " + Base64.getEncoder().encodeToString(("user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            boolean allowed = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = allowed ? "{\"format\": \"amsh-image-index/1\", \"images\": []}".getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aPasswordInTheArgumentsIsRefusedAndOneFromStandardInputIsKeptAndSent() throws Exception {
        String withPassword = "http://user:" + PASSWORD + "@127.0.0.1:" + server.getAddress().getPort() + "/index.json";
        String withUser = "http://user@127.0.0.1:" + server.getAddress().getPort() + "/index.json";

        Run refused = run(null, "image", "server", "set", withPassword);
        Run queryRefused = run(null, "image", "server", "set", withUser + "?password=" + PASSWORD);
        Run notSet = run(null, "image", "server", "show");

        assertThat(refused.code()).as(refused.err()).isEqualTo(Exit.USAGE.code());
        // The first command on the new catalog also says it created it and started its service.
        assertThat(refused.err().lines().filter(line -> line.startsWith("error: "))).singleElement().asString()
                .contains("a password on the command line shows in ps").contains("--password-stdin");
        assertThat(queryRefused.code()).isEqualTo(Exit.USAGE.code());
        assertThat(refused.err() + queryRefused.err()).doesNotContain(PASSWORD);
        assertThat(notSet.out()).contains("location: (not set");
        assertThat(catalog.resolve("image-server.credentials")).doesNotExist();

        Run set = run(PASSWORD + "\n", "image", "server", "set", withUser, "--password-stdin");
        Run sync = run(null, "image", "server", "sync");

        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out() + set.err()).doesNotContain(PASSWORD);
        assertThat(Files.readString(catalog.resolve("image-server.credentials"))).contains("password=" + PASSWORD);
        assertThat(sync.code()).as(sync.err()).isZero();
    }

    @Test
    void onATerminalAUrlWithAUserAsksForThePasswordWithoutEcho() throws Exception {
        String withUser = "http://user@127.0.0.1:" + server.getAddress().getPort() + "/index.json";
        List<String> amsh = new ArrayList<>(javaCommand());
        amsh.addAll(List.of("image", "server", "set", withUser));
        // util-linux script gives the one-shot a pseudo-terminal, as an operator's shell would.
        ProcessBuilder builder = new ProcessBuilder("script", "-q", "-e", "-c",
                String.join(" ", amsh.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").toList()), "/dev/null")
                .redirectErrorStream(true);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().remove(ImageServerCredentials.ENV_PASSWORD);
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        Process process = builder.start();
        StringBuilder screen = new StringBuilder();
        InputStream out = process.getInputStream();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!screen.toString().contains("(Enter for none): ") && System.nanoTime() < end) {
            int c = out.read();
            if (c < 0) {
                break;
            }
            screen.append((char) c);
        }
        assertThat(screen.toString()).contains("password for user at 127.0.0.1 (Enter for none): ");
        try (OutputStream in = process.getOutputStream()) {
            in.write((PASSWORD + "\r").getBytes(StandardCharsets.UTF_8));
            in.flush();
            screen.append(new String(out.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).as(screen.toString()).isZero();
        assertThat(screen.toString()).contains("image server set to " + withUser).doesNotContain(PASSWORD);
        assertThat(Files.readString(catalog.resolve("image-server.credentials"))).contains("password=" + PASSWORD);
        assertThat(run(null, "image", "server", "sync").code()).isZero();
    }

    private List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                AmshProcesses.testClassPath(), AmshClient.class.getName(), "--catalog", catalog.toString());
    }

    private record Run(int code, String out, String err) {
    }

    /** A one-shot amsh process of its own, as a shell starts it: its words are its process arguments. */
    private Run run(String stdin, String... words) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(words));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(home.resolve("out").toFile())
                .redirectError(home.resolve("err").toFile());
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().remove(ImageServerCredentials.ENV_PASSWORD);
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(home.resolve("out")), Files.readString(home.resolve("err")));
    }
}
