package dev.amsh.imageserver;

import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image server over HTTP, from a server this test starts on the loopback address: the
 * example index, and servers that stall or refuse. A stall lasts until the test ends, so the
 * client's read timeout always fires first; that timeout is still generous enough for the
 * answers that do come on a loaded machine. The overall deadline is short (3 s plus a second per
 * MiB) so that a server trickling a byte every 2 s, never tripping the read timeout, is given up
 * on quickly.
 */
@TestCatalog
@TestPropertySource(properties = {"amsh.image-server.connect-timeout=10s", "amsh.image-server.read-timeout=4s",
        "amsh.image-server.deadline-allowance=3s", "amsh.image-server.slowest-rate=1MB"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImageServerHttpTest {

    static final Path EXAMPLE = Path.of("examples/image-server").toAbsolutePath();
    /** Past the class timeout: a stall ends when the test does, never by itself during it. */
    static final long MAX_STALL_SECONDS = 180;

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    HttpServer server;
    ExecutorService handlers;
    final CountDownLatch stopping = new CountDownLatch(1);
    final CountDownLatch stalling = new CountDownLatch(1);
    /** What the hostile index names as its one release's content, and the size it declares. */
    volatile String hostilePath;
    volatile long hostileSize;

    @BeforeEach
    void startServer() throws IOException {
        catalog.reset();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newFixedThreadPool(4);
        server.setExecutor(handlers);
        server.createContext("/example/", exchange -> serveExample(exchange));
        server.createContext("/stall-headers/", exchange -> {
            stall();
            exchange.close();
        });
        server.createContext("/stall-body/", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream body = exchange.getResponseBody();
            body.write("{\"format\": ".getBytes(StandardCharsets.UTF_8));
            body.flush();
            stall();
            exchange.close();
        });
        server.createContext("/stall-content/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("index.json")) {
                send(exchange, 200, """
                        {"format": "amsh-image-index/1", "images": [{"name": "slow", "type": "container",
                         "architecture": "x86_64", "releases": [{"release": "1", "size": 1000,
                         "sha256": "%s", "path": "slow.img"}]}]}""".formatted("0".repeat(64)).getBytes(StandardCharsets.UTF_8));
                return;
            }
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().write(new byte[100]);
            exchange.getResponseBody().flush();
            stall();
            exchange.close();
        });
        server.createContext("/hostile/", exchange -> send(exchange, 200, oneRelease("hostile", hostileSize,
                hostilePath)));
        server.createContext("/trickle/", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("index.json")) {
                send(exchange, 200, oneRelease("trickle", 1000, "trickle.img"));
                return;
            }
            exchange.sendResponseHeaders(200, 1000);
            OutputStream body = exchange.getResponseBody();
            try {
                while (!stopping.await(2, TimeUnit.SECONDS)) {
                    body.write(0);
                    body.flush();
                }
            }
            catch (InterruptedException | IOException e) {
                // The client gave up or the test ended: either way the trickle stops.
            }
            exchange.close();
        });
        server.start();
    }

    private static byte[] oneRelease(String name, long size, String path) {
        return """
                {"format": "amsh-image-index/1", "images": [{"name": "%s", "type": "container",
                 "architecture": "x86_64", "releases": [{"release": "1", "size": %d,
                 "sha256": "%s", "path": "%s"}]}]}""".formatted(name, size, "0".repeat(64), path)
                .getBytes(StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopServer() {
        stopping.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void synchronizesTheExampleOverHttpAndChecksContent() {
        String index = url("/example/index.json");
        shell.run("image server set " + index);

        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out()).endsWith("synchronized from " + index + ": 3 new images, 4 new versions, 0 conflicts\n");
        assertThat(catalog.jdbc().queryForList("SELECT SOURCE FROM IMAGE_VERSION ORDER BY SOURCE", String.class))
                .first().asString().isEqualTo(url("/example/content/focal-android12-amd64-vm-1.23.0.img"));

        Result check = shell.run("image sync focal:android12:amd64");
        assertThat(check.exitCode()).isZero();
        assertThat(check.out()).endsWith("size and sha256 match; status active\n");
        assertThat(shell.run("image server sync").out()).endsWith("nothing new\n");
    }

    @Test
    void aServerThatNeverAnswersFailsAfterTheReadTimeout() {
        String index = url("/stall-headers/index.json");
        shell.run("image server set " + index);
        String before = catalog.snapshot();

        Result sync = shell.run("image server sync");

        assertStalledUntilTheTimeout();
        assertOneLineFailure(sync, "error: cannot read " + index + ": the server did not answer within 4 s (read timeout)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void aServerThatStallsMidBodyFailsAfterTheReadTimeout() {
        String index = url("/stall-body/index.json");
        shell.run("image server set " + index);
        String before = catalog.snapshot();

        Result sync = shell.run("image server sync");

        assertStalledUntilTheTimeout();
        assertOneLineFailure(sync, "error: cannot read " + index + ": no data for 4 s (read timeout)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void contentThatStallsLeavesTheImageStatusAsItWas() {
        shell.run("image server set " + url("/stall-content/index.json"));
        assertThat(shell.run("image server sync").exitCode()).isZero();
        String before = catalog.snapshot();

        Result check = shell.run("image sync slow");

        assertStalledUntilTheTimeout();
        assertOneLineFailure(check, "error: cannot read " + url("/stall-content/slow.img") + ": no data for 4 s (read timeout)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    /** An index over http may name neither local files nor anything outside its own directory. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "file:///etc/passwd | 10               | an index read over http(s) may name only http(s) content",
        "/proc/self/environ | 10               | must be a relative path below the index's directory",
        "/dev/zero          | 1000000000000000 | must be a relative path below the index's directory",
        "../../etc/passwd   | 10               | must be a relative path below the index's directory",
    })
    void anIndexOverHttpCannotNameLocalFiles(String path, long size, String reason) {
        hostilePath = path;
        hostileSize = size;
        shell.run("image server set " + url("/hostile/index.json"));
        String before = catalog.snapshot();

        Result sync = shell.run("image server sync");

        assertThat(sync.exitCode()).isEqualTo(3);
        assertThat(sync.err()).startsWith("error: index entry images[0] (hostile) release 1: path '" + path + "' ")
                .contains(reason);
        assertThat(sync.err().lines()).hasSize(1);
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(catalog.count("IMAGE")).isZero();
    }

    @Test
    void aServerThatTricklesBytesIsGivenUpOnAtTheOverallDeadline() {
        shell.run("image server set " + url("/trickle/index.json"));
        assertThat(shell.run("image server sync").exitCode()).isZero();
        String before = catalog.snapshot();

        long start = System.nanoTime();
        Result check = shell.run("image sync trickle");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertOneLineFailure(check, "error: cannot read " + url("/trickle/trickle.img")
                + ": gave up after 4 s (overall deadline for the expected size; the server sends too slowly)");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(4)).isLessThan(Duration.ofSeconds(30));
        assertThat(stopping.getCount()).as("the server was still trickling").isOne();
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void aRefusedConnectionOrAMissingIndexIsOneClearLine() throws IOException {
        int unused;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = probe.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + unused + "/index.json";
        shell.run("image server set " + refused);
        String before = catalog.snapshot();

        assertOneLineFailure(shell.run("image server sync"),
                "error: cannot read " + refused + ": the server is unreachable (");
        assertThat(catalog.snapshot()).isEqualTo(before);

        String missing = url("/example/missing.json");
        shell.run("image server set " + missing);
        assertOneLineFailure(shell.run("image server sync"),
                "error: cannot read " + missing + ": the server answered HTTP 404");
    }

    /** The command returned while the server was still stalling: only the client's timeout can have ended it. */
    private void assertStalledUntilTheTimeout() {
        assertThat(stalling.getCount()).as("the server began to stall").isZero();
        assertThat(stopping.getCount()).as("the stall is still going on").isOne();
    }

    /** A failure to read from the server: one line, and the failure exit code, not a refusal's. */
    private static void assertOneLineFailure(Result result, String expectedStart) {
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).startsWith(expectedStart).endsWith("\n");
        assertThat(result.err().lines()).hasSize(1);
        assertThat(result.out()).isEmpty();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private void stall() {
        stalling.countDown();
        try {
            stopping.await(MAX_STALL_SECONDS, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void serveExample(HttpExchange exchange) throws IOException {
        Path file = EXAMPLE.resolve(exchange.getRequestURI().getPath().substring("/example/".length())).normalize();
        if (!file.startsWith(EXAMPLE) || !Files.isRegularFile(file)) {
            send(exchange, 404, new byte[0]);
            return;
        }
        send(exchange, 200, Files.readAllBytes(file));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }
}
