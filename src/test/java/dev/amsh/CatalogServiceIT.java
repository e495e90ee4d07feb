package dev.amsh;

import dev.amsh.support.AmshProcesses;
import dev.amsh.support.AmshProcesses.Run;
import dev.amsh.support.AmshProcesses.Running;
import dev.amsh.support.AnotherUser;
import dev.amsh.support.CompletionShells;
import dev.amsh.support.InProcessDerby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One catalog, its service and several clients at once, as operators in several terminals use
 * it: real processes of the packaged jar. The service starts with the first command, serves the
 * others over the catalog's socket, and stops when idle, asked, killed or left without its
 * directory; no one else gets in.
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES)
class CatalogServiceIT {

    private static final Pattern ANNOUNCED = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+))/\\?token=\\S+");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern IMAGE_LINK = Pattern.compile("href=\"/images/([0-9a-z]{20})\"");
    private static final Pattern ECHO = Pattern.compile("long\\.amsh:(\\d+)> ");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private static final int LONG_SCRIPT = 3000;

    @TempDir
    Path home;

    Path catalog;
    Path work;
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
        work = Files.createDirectory(home.resolve("work"));
        image = Files.write(home.resolve("image.img"), new byte[2048]);
        amsh = new AmshProcesses(catalog, work).withJavaOptions("-Damsh.catalog.lock-timeout=10m");
        Files.write(work.resolve("long.amsh"), IntStream.rangeClosed(1, LONG_SCRIPT)
                .mapToObj(i -> String.format("image add img-%04d %s", i, image)).toList());
    }

    @AfterEach
    void endWhatIsLeft() throws Exception {
        started.forEach(Running::kill);
        if (Files.isDirectory(catalog)) {
            amsh.run("serve", "--stop");
        }
    }

    @Test
    void aReplOnATerminalOneShotsAndAScriptAreClientsOfOneService() throws Exception {
        Running repl = started(amsh.terminalShell());
        repl.awaitOut("the banner and the prompt", out -> out.contains("amsh> "));
        assertThat(repl.out()).contains("on catalog " + catalog + " (service pid ").contains("Tab completes, Ctrl-D exits");
        repl.type("image add base " + image);
        repl.awaitOut("base added", out -> out.contains("added base"));
        long service = amsh.servicePid().orElseThrow();
        // A JVM with a child still running waits a third of a second at its exit: the service is nobody's child.
        List<Long> replProcesses = Stream.concat(Stream.of(repl.process().toHandle()), repl.process().descendants())
                .map(ProcessHandle::pid).toList();
        assertThat(ProcessHandle.of(service).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                .as("the parent of the service the REPL started").isPresent().get().isNotIn(replProcesses);
        assertThat(Files.getPosixFilePermissions(catalog.resolve("amsh.sock")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Files.write(work.resolve("more.amsh"), List.of("image add from-script-1 " + image,
                "image add from-script-2 " + image, "image delete from-script-1 --yes"));

        Running add = started(amsh.start("image", "add", "from-one-shot", image.toString()));
        Running list = started(amsh.start("image", "list", "--format", "csv"));
        Running script = started(amsh.start("script", "more.amsh", "--yes"));
        repl.type("image add from-repl " + image);
        Run status = amsh.run("serve", "--status");

        for (Running client : List.of(add, list, script)) {
            Run run = client.finish();
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(run.err().lines()).allMatch("waiting for the catalog lock held by another session..."::equals);
        }
        assertThat(list.out()).startsWith("id,name,status,");
        assertThat(status.out()).contains("served by pid " + service + " (service, user ")
                .contains("stops after 30 s idle");
        assertThat(status.out().lines().filter(line -> line.startsWith("  pid "))).as(status.out()).isNotEmpty();
        repl.awaitOut("from-repl added", out -> out.contains("added from-repl"));
        repl.type("serve --status");
        repl.awaitOut("the service's status, asked in the REPL", out -> out.contains("running: serve --status"));
        assertThat(repl.out()).contains("served by pid " + service + " (service, user ");
        repl.type("serve --idle 5m");
        repl.awaitOut("serve refused in the REPL", out -> out.contains("amsh serve runs one from the operating system's shell"));
        repl.type("exit");
        assertThat(repl.finish().exitCode()).isZero();
        assertThat(amsh.servicePid()).as("the service outlives its clients until idle").contains(service);

        Run listed = amsh.run("image", "list", "--format", "csv");
        assertThat(column(listed.out(), 1)).containsExactlyInAnyOrder("base", "from-one-shot", "from-script-2",
                "from-repl");
        Run audit = amsh.run("audit", "list", "--format", "json");
        assertThat(audit.exitCode()).as(audit.err()).isZero();
        List<String> events = new ArrayList<>();
        JsonMapper.builder().build().readTree(audit.out()).forEach(event -> events.add(event.get("origin").asString()
                + "|" + event.get("user").asString() + "|" + event.get("outcome").asString() + "|"
                + event.get("command").asString() + "|pid " + event.get("pid").asString()));
        String user = System.getProperty("user.name");
        assertThat(events).anyMatch(event -> event.startsWith("interactive|" + user + "|done|image add base "))
                .anyMatch(event -> event.startsWith("one-shot|" + user + "|done|image add from-one-shot ")
                        && event.endsWith("|pid " + add.process().pid()))
                .anyMatch(event -> event.startsWith("script more.amsh:1|" + user + "|done|image add from-script-1 "))
                .anyMatch(event -> event.startsWith("interactive|" + user + "|done|image add from-repl "));
    }

    @Test
    void aOneShotClientLoadsNoSpringJdbcNorLiquibase() throws Exception {
        assertThat(amsh.run("image", "add", "warm", image.toString()).exitCode()).isZero();
        Path loaded = home.resolve("classes.log");
        AmshProcesses logging = new AmshProcesses(catalog, work).withJavaOptions("-Xlog:class+load=info:file=" + loaded);
        Run list = logging.run("image", "list", "--format", "csv");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(column(list.out(), 1)).containsExactly("warm");
        List<String> classes = Files.readAllLines(loaded).stream()
                .map(line -> line.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", "").split(" ")[0]).toList();
        assertThat(classes).contains("dev.amsh.client.AmshClient")
                // The fat jar's own launcher is Spring Boot's class loader, not Spring.
                .noneMatch(name -> name.startsWith("org.springframework.") && !name.startsWith("org.springframework.boot.loader."))
                .noneMatch(name -> name.startsWith("java.sql.") || name.startsWith("javax.sql."))
                .noneMatch(name -> name.startsWith("liquibase.") || name.startsWith("org.apache.derby."));
    }

    @Test
    void aQuestionIsAskedOnTheClientsTerminalAndAnsweredThere() throws Exception {
        assertThat(amsh.run("image", "add", "first", image.toString()).exitCode()).isZero();
        assertThat(amsh.run("image", "add", "second", image.toString()).exitCode()).isZero();
        Running delete = started(amsh.onTerminal("image", "delete", "second"));
        delete.awaitOut("the question", out -> out.contains("Do you want to continue? [Y/n]:"));
        assertThat(delete.out()).contains("The following image will be REMOVED:", "  - second (");
        delete.type("maybe");
        delete.awaitOut("asked again", out -> out.indexOf("please answer y") > 0);
        delete.type("y");
        Run deleted = delete.finish();
        assertThat(deleted.exitCode()).as(deleted.out()).isZero();
        assertThat(deleted.out()).contains("removed second");
        assertThat(column(amsh.run("image", "list", "--format", "csv").out(), 1)).containsExactly("first");

        Run unattended = amsh.run("image", "delete", "first");
        assertThat(unattended.exitCode()).isEqualTo(1);
        assertThat(unattended.err()).contains("--yes");
    }

    @Test
    void ctrlCAtTheClientStopsItsCommandInTheServiceRolledBackWhole() throws Exception {
        Running replay = started(amsh.start("script", "long.amsh", "--atomic", "--yes"));
        replay.awaitOut("the echo of line 20", out -> lastEchoed(out) >= 20);
        long service = amsh.servicePid().orElseThrow();
        signal("INT", replay.process().pid());
        Run stopped = replay.finish();
        assertThat(stopped.exitCode()).as(stopped.out() + stopped.err()).isEqualTo(130);
        assertThat(stopped.out()).contains("atomic run rolled back (nothing applied)");
        assertThat(amsh.run("image", "list", "--format", "csv").out().lines()).hasSize(1);
        assertThat(amsh.servicePid()).as("the service goes on").contains(service);
    }

    @Test
    void aClientKilledMidCommandHasItsCommandRolledBackAndLeavesNoLock() throws Exception {
        Running replay = started(amsh.start("script", "long.amsh", "--atomic", "--yes"));
        replay.awaitOut("the echo of line 20", out -> lastEchoed(out) >= 20);
        long service = amsh.servicePid().orElseThrow();
        replay.process().destroyForcibly();
        Run added = amsh.run("image", "add", "after-the-kill", image.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(column(amsh.run("image", "list", "--format", "csv").out(), 1)).containsExactly("after-the-kill");
        assertThat(amsh.servicePid()).contains(service);
    }

    @Test
    void theServiceKilledMidCommandFailsItWithOneLineAndTheNextCommandStartsAnother() throws Exception {
        assertThat(amsh.run("image", "add", "kept", image.toString()).exitCode()).isZero();
        long first = amsh.servicePid().orElseThrow();
        Running replay = started(amsh.start("script", "long.amsh", "--atomic", "--yes"));
        replay.awaitOut("the echo of line 20", out -> lastEchoed(out) >= 20);
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        Run failed = replay.finish();
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.err().lines().filter(line -> line.startsWith("error: "))).singleElement().asString()
                .startsWith("error: the amsh service stopped before the command ended")
                .endsWith("nothing of it was kept");

        Run listed = amsh.run("image", "list", "--format", "csv");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(column(listed.out(), 1)).containsExactly("kept");
        long second = amsh.servicePid().orElseThrow();
        assertThat(second).isNotEqualTo(first);
        amsh.run("serve", "--stop");
        try (Connection db = InProcessDerby.open(catalog.resolve("db"))) {
            assertConsistent(db);
            assertThat(count(db, "SELECT COUNT(*) FROM AUDIT_EVENT WHERE ORIGIN LIKE 'script long.amsh:%'"))
                    .as("nothing of the killed run").isZero();
        }
        finally {
            InProcessDerby.shutDown(catalog.resolve("db"));
        }
    }

    @Test
    void theServiceKilledMidScriptSaysHowManyOfItsLinesWereKeptAndSoTheyWere() throws Exception {
        Running replay = started(amsh.start("script", "long.amsh", "--yes"));
        replay.awaitOut("the echo of line 20", out -> lastEchoed(out) >= 20);
        ProcessHandle.of(amsh.servicePid().orElseThrow()).orElseThrow().destroyForcibly();
        Run failed = replay.finish();
        assertThat(failed.exitCode()).isEqualTo(3);
        String error = failed.err().lines().filter(line -> line.startsWith("error: ")).findFirst().orElseThrow();
        Matcher said = Pattern.compile("; (\\d+) changes it committed were kept(, the rest rolled back|; it stopped "
                + "while committing one more, which may or may not have been kept)").matcher(error);
        assertThat(said.find()).as(error).isTrue();
        int kept = Integer.parseInt(said.group(1));
        boolean perhapsOneMore = said.group(2).contains("may or may not");

        try (Connection db = InProcessDerby.open(catalog.resolve("db"))) {
            assertConsistent(db);
            int images = count(db, "SELECT COUNT(*) FROM IMAGE");
            int audited = count(db, "SELECT COUNT(*) FROM AUDIT_EVENT WHERE ORIGIN LIKE 'script long.amsh:%'");
            assertThat(kept).isGreaterThanOrEqualTo(19).isLessThan(LONG_SCRIPT);
            assertThat(images).as("one commit per line, its audit with it").isEqualTo(audited)
                    .isBetween(kept, perhapsOneMore ? kept + 1 : kept);
        }
        finally {
            InProcessDerby.shutDown(catalog.resolve("db"));
        }
    }

    @Test
    void aClientSettingAnotherImageServerPasswordThanItsServiceIsToldAndNothingRuns() throws Exception {
        AmshProcesses starter = new AmshProcesses(catalog, work).withEnvironment("AMSH_IMAGE_SERVER_PASSWORD", "first-Pw");
        assertThat(starter.run("image", "list").exitCode()).isZero();
        long service = amsh.servicePid().orElseThrow();

        Run other = new AmshProcesses(catalog, work).withEnvironment("AMSH_IMAGE_SERVER_PASSWORD", "other-Pw")
                .run("image", "add", "not-added", image.toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).isEqualTo("error: AMSH_IMAGE_SERVER_PASSWORD is not the one the catalog's service started"
                + " with, which its commands use: stop the service (amsh serve --stop) and run the command again\n");
        assertThat(Files.readString(catalog.resolve("service.log"))).doesNotContain("first-Pw", "other-Pw");

        Run same = starter.run("image", "add", "same-password", image.toString());
        assertThat(same.exitCode()).as(same.err()).isZero();
        Run unset = amsh.run("image", "list", "--format", "csv");
        assertThat(column(unset.out(), 1)).as("a client that sets none uses the service's").containsExactly("same-password");
        assertThat(amsh.servicePid()).contains(service);
    }

    @Test
    void debugTypedWithACommandTheServiceRunsShowsItsStackTraceToThatClientAlone() throws Exception {
        assertThat(amsh.run("image", "list").exitCode()).isZero();
        long service = amsh.servicePid().orElseThrow();
        Run plain = amsh.run("image", "show", "no-such-image");
        Running shell = started(amsh.pipedShell("--debug"));
        Run debugged = amsh.run("--debug", "image", "show", "no-such-image");
        shell.type("image show no-such-image");
        shell.type("exit");
        Run debuggedShell = shell.finish();
        Run after = amsh.run("image", "show", "no-such-image");

        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.err()).as("one line without --debug").startsWith("error: ").hasLineCount(1);
        assertThat(debugged.exitCode()).isEqualTo(plain.exitCode());
        assertThat(debugged.err()).startsWith(plain.err()).contains("\tat dev.amsh.");
        assertThat(debuggedShell.err()).startsWith(plain.err()).contains("\tat dev.amsh.");
        assertThat(after.err()).as("another client's --debug is its own").isEqualTo(plain.err());
        assertThat(Files.readString(catalog.resolve("service.log"))).doesNotContain("\tat dev.amsh.");
        assertThat(amsh.servicePid()).contains(service);
    }

    @Test
    void bashAndZshTabAskTheRunningServiceThroughTheClient() throws Exception {
        for (String name : List.of("jammy:android13:amd64", "jammy:android13:arm64")) {
            assertThat(amsh.run("image", "add", name, image.toString()).exitCode()).isZero();
        }
        long service = amsh.servicePid().orElseThrow();
        Path bin = Files.createDirectory(home.resolve("bin"));
        amsh.onPath(bin);
        Path bash = Files.writeString(home.resolve("amsh.bash"), amsh.run("completion", "bash").out());
        Path zsh = Files.writeString(home.resolve("amsh.zsh"), amsh.run("completion", "zsh").out());

        // The service holds the catalog: a client that did not ask it could not answer at all.
        assertThat(CompletionShells.bash(bash, bin, "amsh image delete jammy:android13:a", List.of("amsh", "image",
                "delete", "jammy", ":", "android13", ":", "a"))).containsExactly("amd64", "arm64");
        assertThat(CompletionShells.zsh(zsh, bin, home, "amsh image show jammy:android13:", 2,
                "jammy:android13:arm64")).contains("jammy:android13:amd64");
        assertThat(amsh.servicePid()).contains(service);
    }

    @Test
    void anIdleServiceStopsAndSoDoesOneWhoseCatalogDirectoryIsRemoved() throws Exception {
        AmshProcesses quick = new AmshProcesses(catalog, work).withEnvironment("AMSH_SERVICE_IDLE", "2s");
        assertThat(quick.run("image", "list").exitCode()).isZero();
        ProcessHandle idle = ProcessHandle.of(quick.servicePid().orElseThrow()).orElseThrow();
        assertThat(idle.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(catalog.resolve("amsh.sock")).doesNotExist();

        assertThat(amsh.run("image", "list").exitCode()).isZero();
        ProcessHandle orphaned = ProcessHandle.of(amsh.servicePid().orElseThrow()).orElseThrow();
        deleteTree(catalog);
        assertThat(orphaned.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    @Test
    void serveRunsTheServiceInTheForegroundUntilSigtermAndEndsWithZero() throws Exception {
        Running serve = started(amsh.start("serve"));
        serve.awaitOut("serving", out -> out.contains("serving catalog " + catalog));
        assertThat(amsh.servicePid()).contains(serve.process().pid());
        assertThat(amsh.run("image", "add", "through-serve", image.toString()).exitCode()).isZero();
        Run second = amsh.run("serve");
        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.err()).startsWith("error: catalog " + catalog + " is already served by pid "
                + serve.process().pid());

        // By kill: Process.destroy() would close the pipes this test reads, and lose what serve says on its way out.
        signal("TERM", serve.process().pid());
        Run ended = serve.finish();
        assertThat(ended.exitCode()).as("an orderly stop").isZero();
        assertThat(ended.out()).contains("amsh service stopped: stopped by SIGTERM");
        assertThat(catalog.resolve("amsh.sock")).doesNotExist();
        Run stop = amsh.run("serve", "--stop");
        assertThat(stop.out()).isEqualTo("no amsh service runs for " + catalog + "\n");
    }

    @Test
    void serveStopStopsTheServiceAndStatusSaysWhoServes() throws Exception {
        Run none = amsh.run("serve", "--status");
        assertThat(none.out()).isEqualTo("catalog " + catalog + "\nnot served: no amsh service runs for it\n");
        assertThat(amsh.run("image", "list").exitCode()).isZero();
        long service = amsh.servicePid().orElseThrow();
        Run stop = amsh.run("serve", "--stop");
        assertThat(stop.out()).isEqualTo("stopped the amsh service (pid " + service + ")\n");
        assertThat(ProcessHandle.of(service)).isEmpty();
    }

    @Test
    void noServiceRunsTheCommandInItsOwnProcessAndStartsNone() throws Exception {
        Run added = amsh.run("--no-service", "image", "add", "alone", image.toString());
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(amsh.servicePid()).isEmpty();
        AmshProcesses off = new AmshProcesses(catalog, work).withEnvironment("AMSH_SERVICE", "off");
        assertThat(off.run("image", "list").out()).contains("alone");
        assertThat(amsh.servicePid()).isEmpty();
        assertThat(amsh.run("image", "list").exitCode()).isZero();
        long service = amsh.servicePid().orElseThrow();
        Run throughIt = off.run("image", "list");
        assertThat(throughIt.out()).as("a running service is used all the same").contains("alone");
        assertThat(amsh.servicePid()).contains(service);
    }

    @Test
    void aClientOfAnotherBuildHasTheOldServiceMakeWay() throws Exception {
        assertThat(amsh.run("image", "add", "from-build-a", image.toString()).exitCode()).isZero();
        long old = amsh.servicePid().orElseThrow();
        // The same code under another build's identity: its build.properties first on the class path.
        Path otherBuild = Files.createDirectories(home.resolve("other-build/dev/amsh")).getParent().getParent();
        Files.writeString(otherBuild.resolve("dev/amsh/build.properties"), "version=9.9.9\ncommit=0ther\ntime=later\n");
        String classPath = otherBuild + File.pathSeparator + testClassPath();
        Run list = run(List.of(javaBinary(), "-cp", classPath, "dev.amsh.client.AmshClient", "--catalog",
                catalog.toString(), "image", "list", "--format", "csv"));
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(column(list.out(), 1)).containsExactly("from-build-a");
        ProcessHandle.of(old).ifPresent(process -> process.onExit().join());
        assertThat(ProcessHandle.of(old)).as("the old service ended").isEmpty();
        Run version = run(List.of(javaBinary(), "-cp", classPath, "dev.amsh.client.AmshClient", "--version"));
        assertThat(version.out()).isEqualTo("amsh 9.9.9 (commit 0ther, built later)\n");
        Run stop = amsh.run("serve", "--stop");
        assertThat(stop.out()).as("this build's stop, after the other build's service began")
                .startsWith("stopped: the service of another amsh build (").contains("9.9.9").contains("stepped aside");
        assertThat(amsh.run("serve", "--stop").out()).startsWith("no amsh service runs for ");
    }

    @Test
    void anotherUserCanNeitherReachTheServiceNorFindATcpPortOfIt() throws Exception {
        assertThat(amsh.run("image", "add", "secret", image.toString()).exitCode()).isZero();
        long service = amsh.servicePid().orElseThrow();
        assertThat(listeningTcpSockets()).as("no amsh process listens on TCP")
                .doesNotContainAnyElementsOf(socketInodes(service));
        if (!AnotherUser.available()) {
            return;
        }
        // Even with the directories opened to others and the socket world-writable, the service checks who calls.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(catalog.resolve("amsh.sock"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(AnotherUser.sendsHelloTo(catalog.resolve("amsh.sock"))).isEqualTo("closed\n");
        Files.setPosixFilePermissions(catalog.resolve("amsh.sock"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.readString(catalog.resolve("service.log"))).contains("refused a connection: a client runs as");
        assertThat(amsh.run("image", "list").out()).contains("secret");
    }

    @Test
    void dashboardOpensInTheRunningServiceAndEachCallGivesAOneTimeLink() throws Exception {
        assertThat(amsh.run("image", "add", "before", image.toString()).exitCode()).isZero();
        long service = amsh.servicePid().orElseThrow();
        Run opened = amsh.run("dashboard");
        assertThat(opened.exitCode()).as(opened.err()).isZero();
        Matcher announced = ANNOUNCED.matcher(opened.out());
        assertThat(announced.find()).as(opened.out()).isTrue();
        String base = announced.group(1);
        int dashboardPort = Integer.parseInt(announced.group(2));
        assertThat(amsh.servicePid()).as("the pages are the running service's").contains(service);
        assertThat(amsh.run("serve", "--status").out()).contains("dashboard: open on " + base);

        String link = announced.group().substring("dashboard: ".length());
        assertThat(get(base + "/images", null).statusCode()).isEqualTo(403);
        HttpResponse<String> exchanged = get(link, null);
        assertThat(exchanged.statusCode()).isEqualTo(302);
        String cookie = exchanged.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(get(link, null).headers().firstValue("Set-Cookie")).as("the link works once").isEmpty();
        assertThat(amsh.run("image", "add", "from-the-shell", image.toString()).exitCode()).isZero();
        assertThat(get(base + "/images?name=from-the-shell", cookie).body()).contains("from-the-shell");

        Run again = amsh.run("dashboard");
        Matcher second = ANNOUNCED.matcher(again.out());
        assertThat(second.find()).as(again.out()).isTrue();
        assertThat(second.group(2)).as("the same dashboard").isEqualTo(announced.group(2));
        assertThat(second.group()).as("a new token").isNotEqualTo(announced.group());
        assertThat(get(second.group().substring("dashboard: ".length()), null).statusCode()).isEqualTo(302);
        Run otherPort = amsh.run("dashboard", "--port", Integer.toString(dashboardPort == 65535 ? 1025 : dashboardPort + 1));
        assertThat(otherPort.exitCode()).isEqualTo(2);
        assertThat(otherPort.err()).contains("already open on port " + dashboardPort);
        assertThat(Files.readString(catalog.resolve("service.log"))).as("no link in the service's log")
                .doesNotContain("token=");

        assertThat(amsh.run("serve", "--stop").exitCode()).isZero();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", dashboardPort), 5000))
                    .as("nothing listens on %d any more", dashboardPort).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void serveDashboardIsTheServiceWithThePagesUntilSigterm() throws Exception {
        assertThat(amsh.run("image", "add", "before", image.toString()).exitCode()).isZero();
        long background = amsh.servicePid().orElseThrow();
        Path temporary = Files.createDirectory(home.resolve("tmp"));
        Running serve = started(amsh.withJavaOptions("-Djava.io.tmpdir=" + temporary).start("serve", "--dashboard"));
        serve.awaitOut("the dashboard's line", out -> ANNOUNCED.matcher(out).find());
        assertThat(ProcessHandle.of(background)).as("the background service made way").isEmpty();
        Matcher announced = ANNOUNCED.matcher(serve.out());
        assertThat(announced.find()).isTrue();
        String base = announced.group(1);
        int dashboardPort = Integer.parseInt(announced.group(2));

        assertThat(get(base + "/images", null).statusCode()).isEqualTo(403);
        HttpResponse<String> exchanged = get(announced.group().substring("dashboard: ".length()), null);
        assertThat(exchanged.statusCode()).isEqualTo(302);
        String cookie = exchanged.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(amsh.run("serve", "--status").out()).contains("served by pid " + serve.process().pid()
                + " (serve+dashboard, user ");

        Run added = amsh.run("image", "add", "made-default", image.toString());
        assertThat(added.exitCode()).as(added.out() + added.err()).isZero();
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
        assertThat(shown.out()).as("the dashboard's change seen by a one-shot").containsPattern("\"default\"\\s*:\\s*true");

        assertThat(temporary).as("the servlet container's working directory").isNotEmptyDirectory();

        signal("TERM", serve.process().pid());
        assertThat(serve.finish().exitCode()).as("an orderly stop").isZero();
        assertThat(temporary).as("nothing left behind in the temporary directory").isEmptyDirectory();
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("127.0.0.1", dashboardPort), 5000))
                    .as("nothing listens on %d any more", dashboardPort).isInstanceOf(ConnectException.class);
        }
        assertThat(catalog.resolve("amsh.sock")).doesNotExist();
    }

    /** The inodes of the TCP sockets listening on this machine, from /proc/net/tcp and tcp6. */
    private static List<String> listeningTcpSockets() throws IOException {
        List<String> inodes = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Files.readAllLines(Path.of(table)).stream().skip(1).map(line -> line.trim().split("\\s+"))
                    // state 0A is LISTEN
                    .filter(fields -> fields[3].equals("0A")).forEach(fields -> inodes.add(fields[9]));
        }
        return inodes;
    }

    /** The inodes of the sockets process {@code pid} has open. */
    private static List<String> socketInodes(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                }
                catch (IOException gone) {
                    return "";
                }
            }).filter(target -> target.startsWith("socket:[")).map(target -> target.substring(8, target.length() - 1))
                    .collect(Collectors.toList());
        }
    }

    private Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(AmshProcesses.SERVICE_IDLE);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s ends", command).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor()).isZero();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's class path (the build's classes and libraries) without its empty entries. */
    private static String testClassPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).collect(Collectors.joining(File.pathSeparator));
    }

    private static int lastEchoed(String out) {
        Matcher echo = ECHO.matcher(out);
        int last = 0;
        while (echo.find()) {
            last = Integer.parseInt(echo.group(1));
        }
        return last;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
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

    /** Every invariant the rules keep, by SQL, and Derby's own check of each table against its indexes. */
    private static void assertConsistent(Connection db) throws SQLException {
        assertThat(count(db, "SELECT COUNT(*) FROM IMAGE I"
                + " WHERE NOT EXISTS (SELECT 1 FROM IMAGE_VERSION V WHERE V.IMAGE_ID = I.ID)")).as("images without versions")
                .isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM (SELECT DEFAULT_OF FROM IMAGE WHERE DEFAULT_OF IS NOT NULL"
                + " GROUP BY DEFAULT_OF HAVING COUNT(*) > 1) T")).as("types with two defaults").isZero();
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
}
