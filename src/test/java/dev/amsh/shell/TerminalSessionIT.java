package dev.amsh.shell;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.amsh.support.AmshProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar on a pseudo-terminal, as an operator's fingers meet it: util-linux {@code script}
 * gives amsh a terminal, the test types keystrokes into it and reads the screen. Long commands fetch
 * from an image server this test runs on the loopback address, which sends its content slowly.
 * Every wait polls the screen up to a deadline. The JVM starts as the {@code amsh} launcher starts it
 * (ahead-of-time Spring wiring, the quick JIT tier), which keeps the first prompt near a second.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TerminalSessionIT {

    private static final Path JAR = Path.of(System.getProperty("amsh.jar", "target/amsh.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** A loaded build machine can take a minute to start a JVM. */
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PROMPT = "amsh> ";
    private static final String CTRL_C = "\u0003";
    /** What the slow server's release holds: it takes about two seconds to send. */
    private static final byte[] SLOW_CONTENT = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path home;

    Path catalog;
    HttpServer server;
    ExecutorService handlers;
    final CountDownLatch endlessRequested = new CountDownLatch(1);
    final CountDownLatch stopping = new CountDownLatch(1);
    final List<Terminal> terminals = new ArrayList<>();

    @BeforeAll
    static void requireTheJarAndScript() {
        assertThat(JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
        assertThat(Path.of("/usr/bin/script")).as("util-linux script, which gives amsh a terminal").isExecutable();
    }

    @BeforeEach
    void startServer() throws IOException {
        catalog = home.resolve("catalog");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.createContext("/slow/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("index.json")) {
                send(exchange, index("slow", SLOW_CONTENT.length, sha256(SLOW_CONTENT)));
                return;
            }
            exchange.sendResponseHeaders(200, SLOW_CONTENT.length);
            trickle(exchange.getResponseBody(), SLOW_CONTENT, 200);
            exchange.close();
        });
        server.createContext("/endless/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("index.json")) {
                send(exchange, index("endless", 1_000_000, "0".repeat(64)));
                return;
            }
            exchange.sendResponseHeaders(200, 1_000_000);
            endlessRequested.countDown();
            trickle(exchange.getResponseBody(), new byte[1_000_000], 100);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopEverything() {
        terminals.forEach(Terminal::close);
        stopping.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void theQuestionAsksAgainOnAnUnclearAnswerAndEnterMeansYes() throws Exception {
        Path file = Files.write(home.resolve("foo.img"), new byte[1024]);
        Terminal shell = amsh();
        shell.awaitScreen(PROMPT);
        shell.typeAndAwait("image add foo " + file + "\r", PROMPT);

        shell.typeAndAwait("image delete foo\r", "Do you want to continue? [Y/n]: ");
        String reasked = shell.typeAndAwait("x\r", "Do you want to continue? [Y/n]: ");
        String answered = shell.typeAndAwait("\r", PROMPT);

        assertThat(reasked).contains("please answer y (yes) or n (no)");
        assertThat(answered).contains("removed foo");
        assertThat(shell.typeAndAwait("image list\r", PROMPT)).contains("no images");
        shell.type("exit\r");
        assertThat(shell.awaitExit()).isZero();
    }

    @Test
    void ctrlCStopsALongCommandAndTheShellGoesOn() throws Exception {
        Terminal shell = amsh();
        shell.awaitScreen(PROMPT);
        shell.typeAndAwait("image server set " + url("/endless/index.json") + "\r", PROMPT);
        shell.typeAndAwait("image server sync\r", PROMPT);

        shell.type("image sync endless\r");
        assertThat(endlessRequested.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the fetch started").isTrue();
        String stopped = shell.typeAndAwait(CTRL_C, PROMPT);

        assertThat(stopped).contains("error: interrupted (Ctrl-C); nothing of the unfinished work was kept")
                .doesNotContain("Exception");
        assertThat(shell.typeAndAwait("image list\r", PROMPT)).contains("endless").doesNotContain("active");
        shell.type("exit\r");
        assertThat(shell.awaitExit()).isZero();
    }

    @Test
    void ctrlCDuringAScriptEndsAfterTheLineInProgressWithTheSummaryAndExit130() throws Exception {
        Path script = slowScript();
        Terminal run = amsh("script", script.toString());

        run.awaitScreen(script + ":4>");
        run.type(CTRL_C);

        assertThat(run.awaitExit()).isEqualTo(130);
        assertThat(run.screen()).contains("interrupted at " + script + ":4").doesNotContain(script + ":5>")
                .doesNotContain("Exception");
    }

    @Test
    void theReplayProgressIsInSightWhileALineRuns() throws Exception {
        Path script = slowScript();
        Terminal run = amsh("script", script.toString());

        String duringLine4 = run.awaitAfter(script + ":4>", "(3/7 lines)");

        assertThat(duringLine4).contains("replaying " + script + " [");
        assertThat(run.awaitExit()).isZero();
    }

    @Test
    void tabCompletesAnImageName() throws Exception {
        Path file = Files.write(home.resolve("big.img"), new byte[1024]);
        Terminal shell = amsh();
        shell.awaitScreen(PROMPT);
        shell.typeAndAwait("image add extra-large " + file + "\r", PROMPT);

        shell.type("image show extra-l\t");
        String shown = shell.typeAndAwait("\r", PROMPT);

        assertThat(shown).contains("name: extra-large");
        shell.type("exit\r");
        assertThat(shell.awaitExit()).isZero();
    }

    /** Sets the slow server, syncs it, then syncs its one image five times (about two seconds each). */
    private Path slowScript() throws IOException {
        List<String> lines = new ArrayList<>(List.of("image server set " + url("/slow/index.json"), "image server sync"));
        for (int i = 0; i < 5; i++) {
            lines.add("image sync slow");
        }
        return Files.write(home.resolve("refresh.amsh"), lines);
    }

    /** amsh on a fresh terminal of 200 columns, on this test's catalog. */
    private Terminal amsh(String... words) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dspring.aot.enabled=true", "-jar", JAR.toString(), "--catalog",
                catalog.toString()));
        command.addAll(List.of(words));
        String line = "stty cols 200 rows 50; exec " + command.stream().map(TerminalSessionIT::quoted)
                .collect(Collectors.joining(" "));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/script", "-qfec", line, "/dev/null")
                .directory(home.toFile()).redirectErrorStream(true);
        builder.environment().remove("AMSH_CATALOG");
        builder.environment().remove("AMSH_CATALOG_URL");
        builder.environment().put("TERM", "xterm");
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        builder.environment().put("XDG_DATA_HOME", home.resolve("xdg").toString());
        Terminal terminal = new Terminal(builder.start());
        terminals.add(terminal);
        return terminal;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static byte[] index(String name, long size, String sha256) {
        return """
                {"format": "amsh-image-index/1", "images": [{"name": "%s", "type": "container",
                 "architecture": "x86_64", "releases": [{"release": "1", "size": %d,
                 "sha256": "%s", "path": "%s.img"}]}]}""".formatted(name, size, sha256, name)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** Sends {@code content} a byte at a time, one every {@code millis}, until done or the test ends. */
    private void trickle(OutputStream body, byte[] content, long millis) {
        try {
            for (byte b : content) {
                if (stopping.await(millis, TimeUnit.MILLISECONDS)) {
                    return;
                }
                body.write(b);
                body.flush();
            }
        }
        catch (InterruptedException | IOException e) {
            // The client stopped reading or the test ended: either way the trickle stops.
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A process on a pseudo-terminal: keys typed into it, everything it showed kept as one text. */
    private static final class Terminal implements AutoCloseable {

        private final Process process;
        private final StringBuffer screen = new StringBuffer();
        private final Thread reader;

        Terminal(Process process) {
            this.process = process;
            this.reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = process.getInputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
                catch (IOException ended) {
                    // The process is gone; what it showed is kept.
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String screen() {
            return screen.toString();
        }

        void type(String keys) throws IOException {
            process.getOutputStream().write(keys.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** Types {@code keys}, then waits for {@code expected} to show after them; returns what showed. */
        String typeAndAwait(String keys, String expected) throws Exception {
            int from = screen.length();
            type(keys);
            return awaitFrom(from, expected, WAIT);
        }

        /** The first thing a session shows, which waits for the JVM to start. */
        void awaitScreen(String expected) throws Exception {
            awaitFrom(0, expected, START);
        }

        /** Waits for {@code mark}, then for {@code expected} after it; returns what showed from the mark on. */
        String awaitAfter(String mark, String expected) throws Exception {
            awaitFrom(0, mark, START);
            return awaitFrom(screen.indexOf(mark), expected, WAIT);
        }

        private String awaitFrom(int from, String expected, Duration limit) throws Exception {
            long deadline = System.nanoTime() + limit.toNanos();
            while (screen.indexOf(expected, from) < 0) {
                assertThat(System.nanoTime() - deadline).as("'%s' on the screen in time; the screen:%n%s", expected,
                        screen).isNegative();
                Thread.sleep(50);
            }
            return screen.substring(from);
        }

        int awaitExit() throws Exception {
            assertThat(process.waitFor(START.toSeconds(), TimeUnit.SECONDS)).as("the session ends; the screen:%n%s",
                    screen).isTrue();
            reader.join(WAIT.toMillis());
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
