package dev.amsh;

import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.CatalogLock;
import dev.amsh.support.AmshProcesses;
import dev.amsh.support.AmshProcesses.Run;
import dev.amsh.support.AmshProcesses.Running;
import dev.amsh.support.InProcessDerby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * One catalog, several amsh processes at once, as operators in several terminals use it: the
 * process that opens the catalog for a whole session serves it, the others work through it, and
 * when it goes away another one takes the catalog over. Real processes of the packaged jar.
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class CatalogSharingIT {

    private static final String WAITING = "waiting for the catalog lock held by another session...";
    private static final Pattern ANNOUNCED = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+))/\\?token=\\S+");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern IMAGE_LINK = Pattern.compile("href=\"/images/([0-9a-z]{20})\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @TempDir
    Path home;

    Path catalog;
    Path image;
    AmshProcesses amsh;
    final List<Running> started = new ArrayList<>();

    @BeforeAll
    static void requireTheJar() {
        assertThat(AmshProcesses.JAR).as("the packaged jar (mvn verify builds it before this test)").isRegularFile();
    }

    @BeforeEach
    void privateCatalog() throws IOException {
        catalog = home.resolve("catalog");
        Path work = Files.createDirectory(home.resolve("work"));
        image = Files.write(home.resolve("image.img"), new byte[2048]);
        // A process waits for a one-shot owner for as long as that one takes, however loaded the machine.
        amsh = new AmshProcesses(catalog, work).withJavaOptions("-Damsh.catalog.lock-timeout=10m");
    }

    @AfterEach
    void endWhatIsLeft() {
        started.forEach(Running::kill);
    }

    @Test
    void aReplOnATerminalOneShotsAndAScriptWorkOnTheCatalogAtOnce() throws Exception {
        Running repl = started(amsh.terminalShell());
        repl.awaitOut("the prompt", out -> out.contains("amsh> "));
        repl.type("image add base " + image);
        repl.awaitOut("base added", out -> out.contains("added base"));
        Properties service = awaitServiceFile();
        assertThat(Files.getPosixFilePermissions(catalog.resolve("amsh.service")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.write(home.resolve("work/more.amsh"), List.of("image add from-script-1 " + image,
                "image add from-script-2 " + image, "image delete from-script-1 --yes"));

        Running add = started(amsh.start("image", "add", "from-one-shot", image.toString()));
        Running list = started(amsh.start("image", "list", "--format", "csv"));
        Running script = started(amsh.start("script", "more.amsh", "--yes"));
        repl.type("image add from-repl " + image);
        Run status = amsh.run("serve", "--status");

        for (Running attached : List.of(add, list, script)) {
            Run run = attached.finish();
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            // Sessions meet each other's locks: a wait of over a second is said, nothing else.
            assertThat(run.err().lines()).allMatch("waiting for the catalog lock held by another session..."::equals);
        }
        assertThat(list.out()).startsWith("id,name,status,");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("served by pid " + service.getProperty("pid") + " (interactive, user ");
        repl.awaitOut("from-repl added", out -> out.contains("added from-repl"));
        repl.type("exit");
        assertThat(repl.finish().exitCode()).isZero();

        assertThat(catalog.resolve("amsh.service")).as("removed when its owner closed").doesNotExist();
        try (Stream<Path> attached = Files.list(catalog.resolve("attached"))) {
            assertThat(attached).as("each attached process removed its file").isEmpty();
        }
        Run listed = amsh.run("image", "list", "--format", "csv");
        assertThat(column(listed.out(), 1)).containsExactlyInAnyOrder("base", "from-one-shot", "from-script-2",
                "from-repl");
        Run audit = amsh.run("audit", "list", "--format", "json");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        List<String> events = new ArrayList<>();
        JsonMapper.builder().build().readTree(audit.out()).forEach(event -> events.add(event.get("origin").asString()
                + "|" + event.get("outcome").asString() + "|" + event.get("command").asString()));
        assertThat(events).anyMatch(event -> event.startsWith("interactive|done|image add base "))
                .anyMatch(event -> event.startsWith("one-shot|done|image add from-one-shot "))
                .anyMatch(event -> event.startsWith("script more.amsh:1|done|image add from-script-1 "))
                .anyMatch(event -> event.equals("script more.amsh:3|done|image delete from-script-1 --yes"))
                .anyMatch(event -> event.startsWith("interactive|done|image add from-repl "));
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "KILL"})
    void whenTheServingReplIsStoppedMidCommandTheOtherSessionTakesTheCatalogOver(String signal) throws Exception {
        int images = 300;
        List<String> setup = new ArrayList<>(List.of("image add base " + image));
        IntStream.rangeClosed(1, images).forEach(i -> setup.add("image add " + imageName(i) + " " + image));
        Files.write(home.resolve("work/setup.amsh"), setup);
        Files.write(home.resolve("work/deletes.amsh"),
                IntStream.rangeClosed(1, images).mapToObj(i -> "image delete " + imageName(i) + " --yes").toList());
        Run built = amsh.run("script", "setup.amsh", "--atomic", "--yes");
        assertThat(built.exitCode()).as(built.err()).isZero();

        Running owner = started(amsh.terminalShell());
        owner.awaitOut("the prompt", out -> out.contains("amsh> "));
        long ownerPid = Long.parseLong(awaitServiceFile().getProperty("pid"));
        Running other = started(amsh.pipedShell());
        other.type("script deletes.amsh --atomic --yes");
        other.awaitOut("the run under way", out -> out.contains("deletes.amsh:30> "));

        ProcessHandle ownerProcess = ProcessHandle.of(ownerPid).orElseThrow();
        if (signal.equals("TERM")) {
            ownerProcess.destroy();
        }
        else {
            ownerProcess.destroyForcibly();
        }
        other.type("image add after " + image);
        other.awaitOut("the next command done", out -> out.contains("added after"));
        Run status = amsh.run("serve", "--status");
        other.type("exit");
        Run otherRun = other.finish();
        owner.finish();

        assertThat(otherRun.out()).as("the run did not go on past its lost transaction")
                .doesNotContain("deletes.amsh:" + images + "> ");
        assertThat(status.out()).as("the other session took the catalog over and serves it")
                .contains("served by pid " + other.process().pid() + " (interactive");
        try (Connection db = InProcessDerby.open(catalog.resolve("db"))) {
            int left = count(db, "SELECT COUNT(*) FROM IMAGE WHERE NAME LIKE 'img-%'");
            assertThat(left).as("the atomic run rolled back whole").isEqualTo(images);
            assertThat(count(db, "SELECT COUNT(*) FROM AUDIT_EVENT WHERE ORIGIN LIKE 'script deletes.amsh:%'"))
                    .as("no event of the rolled-back lines").isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM AUDIT_EVENT WHERE ORIGIN = 'interactive'"
                    + " AND COMMAND_TEXT LIKE 'image add after %' AND OUTCOME = 'done'")).isEqualTo(1);
            assertConsistent(db);
        }
        finally {
            // Only this catalog's database: the jar-level test classes share one JVM and its Derby engine.
            InProcessDerby.shutDown(catalog.resolve("db"));
        }
    }

    @Test
    void twoOneShotsStartedTogetherOnANewCatalogBothSucceed() throws Exception {
        Running first = started(amsh.start("image", "add", "first", image.toString()));
        Running second = started(amsh.start("image", "add", "second", image.toString()));

        Run firstRun = first.finish();
        Run secondRun = second.finish();

        assertThat(firstRun.exitCode()).as(firstRun.err()).isZero();
        assertThat(secondRun.exitCode()).as(secondRun.err()).isZero();
        assertThat(column(amsh.run("image", "list", "--format", "csv").out(), 1))
                .containsExactlyInAnyOrder("first", "second");
    }

    @Test
    void aCommandWaitsForTheProcessHoldingTheCatalogSayingSoOnce() throws Exception {
        Running waiting;
        // As a one-shot amsh process holds it: the lock, no service.
        CatalogDirectory.prepare(catalog, false);
        try (CatalogLock held = CatalogLock.acquire(catalog)) {
            waiting = started(amsh.start("image", "list"));
            AmshProcesses.await("the waiting message", () -> waiting.err().contains(WAITING));
        }
        Run run = waiting.finish();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo(WAITING + "\n");
        assertThat(run.out()).startsWith("ID  NAME");
    }

    @Test
    void aCommandGivesUpAfterTheLockTimeoutWithOneLineChangingNothing() throws Exception {
        Run run;
        CatalogDirectory.prepare(catalog, false);
        try (CatalogLock held = CatalogLock.acquire(catalog)) {
            run = amsh.withJavaOptions("-Damsh.catalog.lock-timeout=2s").run("image", "add", "x", image.toString());
        }

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(WAITING + "\nerror: gave up after 2 s waiting for the catalog lock held by"
                + " another session; nothing was changed\n");
        assertThat(catalog.resolve("db")).doesNotExist();
    }

    @Test
    void theServiceListensOnLoopbackOnlyAndAdmitsOnlyItsLogin() throws Exception {
        Running serve = started(amsh.start("serve"));
        serve.awaitOut("serving", out -> out.contains("serving catalog " + catalog));
        Properties service = awaitServiceFile();
        int port = Integer.parseInt(service.getProperty("port"));
        String url = "jdbc:derby://127.0.0.1:" + port + "/" + catalog.resolve("db");

        try (Connection db = DriverManager.getConnection(url, "APP", service.getProperty("password"))) {
            assertThat(count(db, "SELECT COUNT(*) FROM IMAGE")).isZero();
        }
        assertThatThrownBy(() -> DriverManager.getConnection(url, "APP", "not-the-password").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"));
        assertThatThrownBy(() -> DriverManager.getConnection(url).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"));
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:derby://127.0.0.1:" + port + "/"
                + home.resolve("elsewhere") + ";create=true").close())
                .as("no other database reachable without the login").isInstanceOf(SQLException.class);
        assertThat(home.resolve("elsewhere")).doesNotExist();
        Optional<InetAddress> external = externalAddress();
        assumeThat(external).as("a non-loopback address to try").isPresent();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(external.get(), port), 5000))
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void serveStatusNamesTheServerAndTheAttachedAndStoppingHandsOver() throws Exception {
        Running serve = started(amsh.start("serve"));
        serve.awaitOut("serving", out -> out.contains("serving catalog " + catalog));
        Running shell = started(amsh.pipedShell());
        shell.type("image add kept " + image);
        shell.awaitOut("added", out -> out.contains("added kept"));

        Run status = amsh.run("serve", "--status");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).startsWith("catalog " + catalog + "\nserved by pid " + serve.process().pid()
                + " (serve, user " + System.getProperty("user.name") + ") since ")
                .contains("\nattached: pid " + shell.process().pid() + " (interactive, user ");
        Run second = amsh.run("serve");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: catalog " + catalog + " is already served by pid "
                + serve.process().pid());

        serve.process().destroy();
        assertThat(serve.finish().exitCode()).as("ended by SIGTERM").isEqualTo(128 + 15);
        assertThat(amsh.run("serve", "--status").out()).as("before the shell's next command")
                .contains("\nnot served: its server stopped; an attached process takes it over at its next command\n"
                        + "attached: pid " + shell.process().pid() + " (interactive, user ");
        shell.type("image list --format csv");
        shell.awaitOut("listed after the hand-over", out -> out.contains(",kept,"));
        assertThat(amsh.run("serve", "--status").out()).contains("served by pid " + shell.process().pid());
        shell.type("exit");
        assertThat(shell.finish().exitCode()).isZero();
        Run after = amsh.run("serve", "--status");
        assertThat(after.out()).isEqualTo("catalog " + catalog + "\nnot served: no amsh process has it open\n"
                + "attached: none\n");
    }

    /**
     * {@code amsh serve --dashboard}: it owns and serves the catalog and the dashboard at once, other
     * processes attach to it and see what the pages change (and the pages what they change), and
     * SIGTERM stops both and hands the catalog over.
     */
    @Test
    void serveDashboardServesTheCatalogAndThePagesUntilSigterm() throws Exception {
        Running serve = started(amsh.start("serve", "--dashboard"));
        serve.awaitOut("the dashboard's line", out -> ANNOUNCED.matcher(out).find());
        Matcher announced = ANNOUNCED.matcher(serve.out());
        assertThat(announced.find()).isTrue();
        String base = announced.group(1);
        int dashboardPort = Integer.parseInt(announced.group(2));
        int catalogPort = Integer.parseInt(awaitServiceFile().getProperty("port"));

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

    private static HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String cookie, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Running started(Running running) {
        started.add(running);
        return running;
    }

    private Properties awaitServiceFile() throws IOException {
        Path file = catalog.resolve("amsh.service");
        AmshProcesses.await("the service file", () -> Files.exists(file));
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(network -> {
            try {
                return network.isUp() && !network.isLoopback();
            }
            catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(Inet4Address.class::isInstance).findFirst();
    }

    /** Every invariant the rules keep, by SQL, and Derby's own check of each table against its indexes. */
    private static void assertConsistent(Connection db) throws SQLException {
        assertThat(count(db, "SELECT COUNT(*) FROM IMAGE I"
                + " WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V WHERE V.IMAGE_ID = I.ID)")).as("images without versions")
                .isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM (SELECT DEFAULT_OF FROM IMAGE WHERE DEFAULT_OF IS NOT NULL"
                + " GROUP BY DEFAULT_OF HAVING COUNT(*) > 1) T")).as("types with two defaults").isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM APPLICATION_VERSION A WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V"
                + " WHERE V.IMAGE_ID = A.IMAGE_ID AND V.VERSION = A.IMAGE_VERSION)")).as("dangling pins").isZero();
        for (String table : List.of("IMAGE", "IMAGE_VERSION", "APPLICATION", "APPLICATION_VERSION", "AUDIT_EVENT")) {
            assertThat(count(db, "VALUES SYSCS_UTIL.SYSCS_CHECK_TABLE('APP', '" + table + "')"))
                    .as("Derby's check of %s", table).isEqualTo(1);
        }
    }

    private static int count(Connection db, String query) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }

    /** One column of CSV output without its header. */
    private static List<String> column(String csv, int index) {
        return csv.lines().skip(1).map(line -> line.split(",")[index]).toList();
    }

    private static String imageName(int i) {
        return String.format("img-%04d", i);
    }
}
