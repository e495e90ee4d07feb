package dev.amsh;

import dev.amsh.support.AmshProcesses;
import dev.amsh.support.AmshProcesses.Run;
import dev.amsh.support.AmshProcesses.Running;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code amsh serve --dashboard} as a process of the packaged jar: it owns and serves the catalog
 * and the dashboard at once, other processes attach to it and see what the pages change (and the
 * pages what they change), and SIGTERM stops both and hands the catalog over.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ServeDashboardIT {

    private static final Pattern ANNOUNCED = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+))/\\?token=\\S+");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern IMAGE_LINK = Pattern.compile("href=\"/images/([0-9a-z]{20})\"");

    @TempDir
    Path home;

    Path catalog;
    Path image;
    AmshProcesses amsh;
    final List<Running> started = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @BeforeAll
    static void requireTheJar() {
        assertThat(AmshProcesses.JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
    }

    @BeforeEach
    void privateCatalog() throws IOException {
        catalog = home.resolve("catalog");
        Files.createDirectory(catalog, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path work = Files.createDirectory(home.resolve("work"));
        image = Files.write(home.resolve("image.img"), new byte[2048]);
        amsh = new AmshProcesses(catalog, work).withJavaOptions("-Damsh.catalog.lock-timeout=10m");
    }

    @AfterEach
    void endWhatIsLeft() {
        started.forEach(Running::kill);
    }

    @Test
    void servesTheCatalogAndTheDashboardUntilSigterm() throws Exception {
        Running serve = started(amsh.start("serve", "--dashboard"));
        serve.awaitOut("the dashboard's line", out -> ANNOUNCED.matcher(out).find());
        Matcher announced = ANNOUNCED.matcher(serve.out());
        assertThat(announced.find()).isTrue();
        String base = announced.group(1);
        int dashboardPort = Integer.parseInt(announced.group(2));
        int catalogPort = Integer.parseInt(serviceFile().getProperty("port"));

        HttpResponse<String> withoutToken = get(base + "/images", null);
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<String> exchanged = get(announced.group().substring("dashboard: ".length()), null);
        assertThat(exchanged.statusCode()).isEqualTo(302);
        String cookie = exchanged.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get(base + "/images", cookie).statusCode()).isEqualTo(200);

        Run status = amsh.run("serve", "--status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("served by pid " + serve.process().pid() + " (serve+dashboard, user "
                + System.getProperty("user.name") + ") since ");
        Run second = amsh.run("serve", "--dashboard");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).hasLineCount(1).startsWith("error: catalog " + catalog + " is already served by pid "
                + serve.process().pid());

        for (String name : List.of("from-shell", "made-default")) {
            Run added = amsh.run("image", "add", name, image.toString());
            assertThat(added.exitCode()).as(added.out() + added.err()).isZero();
            assertThat(added.err()).as("attached at once: no wait").isEmpty();
        }
        HttpResponse<String> filtered = get(base + "/images?name=made-default", cookie);
        assertThat(filtered.body()).as("the shell's change on the next page load").contains("made-default");
        Matcher link = IMAGE_LINK.matcher(filtered.body());
        assertThat(link.find()).isTrue();
        Matcher csrf = CSRF.matcher(get(base + "/images/" + link.group(1), cookie).body());
        assertThat(csrf.find()).as("the details page's Make default form").isTrue();
        HttpResponse<String> switched = post(base + "/images/switch", cookie,
                "image=made-default&back=%2Fimages&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(switched.statusCode()).isEqualTo(302);
        Run shown = amsh.run("image", "show", "made-default", "--format", "json");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).as("the dashboard's change seen by a one-shot").containsPattern("\"default\"\\s*:\\s*true");

        serve.process().destroy();
        assertThat(serve.finish().exitCode()).as("ended by SIGTERM").isEqualTo(128 + 15);
        for (int port : List.of(dashboardPort, catalogPort)) {
            try (Socket socket = new Socket()) {
                assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", port), 5000))
                        .as("nothing listens on %d any more", port).isInstanceOf(ConnectException.class);
            }
        }
        assertThat(catalog.resolve("amsh.service")).as("removed when it handed the catalog over").doesNotExist();
        Run after = amsh.run("serve", "--status");
        assertThat(after.out()).isEqualTo("catalog " + catalog + "\nnot served: no amsh process has it open\n"
                + "attached: none\n");
        Run listed = amsh.run("image", "list", "--format", "csv");
        assertThat(listed.out()).contains(",from-shell,", ",made-default,");
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String cookie, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Properties serviceFile() throws IOException {
        Path file = catalog.resolve("amsh.service");
        AmshProcesses.await("the service file", () -> Files.exists(file));
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private Running started(Running running) {
        started.add(running);
        return running;
    }
}
