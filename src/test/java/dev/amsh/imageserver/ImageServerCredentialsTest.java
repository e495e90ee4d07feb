package dev.amsh.imageserver;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password given in the image server's URL, through the real shell and a loopback server that
 * wants HTTP Basic: it is sent to that server, and kept nowhere but an owner-only file.
 */
@TestCatalog
class ImageServerCredentialsTest {

    static final String PASSWORD = "s3cret-pw";
    static final String INDEX = "{\"format\": \"amsh-image-index/1\", \"images\": []}";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @Autowired
    CatalogLocation catalogLocation;

    HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final List<String> queries = new CopyOnWriteArrayList<>();
    Path credentials;

    @BeforeEach
    void startServer() throws IOException {
        catalog.reset();
        credentials = catalogLocation.userDataDirectory(System.getenv()).resolve(ImageServerCredentials.FILE_NAME);
        Files.deleteIfExists(credentials);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString(("user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server.createContext("/private/", exchange -> {
            String given = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(given));
            byte[] body = expected.equals(given) ? INDEX.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(expected.equals(given) ? 200 : 401, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/query/", exchange -> {
            String query = String.valueOf(exchange.getRequestURI().getRawQuery());
            queries.add(query);
            boolean allowed = query.contains("password=" + PASSWORD);
            byte[] body = allowed ? INDEX.getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        System.clearProperty(ImageServerCredentials.ENV_PASSWORD);
        server.stop(0);
    }

    @Test
    void thePasswordOfASetUrlLivesOnlyInAnOwnerOnlyFileAndIsSentToTheServer() throws IOException {
        Result set = shell.run("image server set " + url("user:" + PASSWORD + "@"));
        Result show = shell.run("image server show");
        Result sync = shell.run("image server sync");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(catalog.jdbc().queryForObject("SELECT LOCATION FROM IMAGE_SERVER", String.class))
                .isEqualTo(url("user@"));
        List<String> audited = catalog.jdbc().queryForList("SELECT COMMAND_TEXT || ' ' || DETAIL FROM AUDIT_EVENT", String.class);
        assertThat(audited).isNotEmpty().noneMatch(event -> event.contains(PASSWORD));
        assertThat(audited.get(0)).contains("user:***@");
        assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(credentials)).contains("password=" + PASSWORD);
        assertThat(show.out()).contains("credentials: from " + credentials + "\n");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(authorizations).hasSize(1);
        assertThat(set.screen() + show.screen() + sync.screen() + shell.run("audit list").screen()
                + shell.run("audit list --format json").screen()).doesNotContain(PASSWORD);
    }

    @Test
    void thePasswordFromTheEnvironmentWinsAndShowSaysSo() {
        shell.run("image server set " + url("user:" + PASSWORD + "@"));
        System.setProperty(ImageServerCredentials.ENV_PASSWORD, "not-the-password");

        Result show = shell.run("image server show");
        Result sync = shell.run("image server sync");

        assertThat(show.out()).contains("credentials: from " + ImageServerCredentials.ENV_PASSWORD + "\n");
        assertThat(sync.exitCode()).isNotZero();
        assertThat(sync.err()).contains("HTTP 401").doesNotContain("not-the-password");
    }

    @Test
    void anotherServerWithoutAPasswordRemovesTheKeptOneAndGetsNoCredentials() {
        shell.run("image server set " + url("user:" + PASSWORD + "@"));
        assertThat(credentials).exists();

        shell.run("image server set " + url(""));
        Result show = shell.run("image server show");
        Result sync = shell.run("image server sync");

        assertThat(credentials).doesNotExist();
        assertThat(show.out()).contains("credentials: none\n");
        assertThat(sync.err()).contains("HTTP 401");
        assertThat(authorizations).containsExactly("null");
    }

    @Test
    void aRefusedUrlWithAPasswordDoesNotEchoIt() {
        Result ftp = shell.run("image server set ftp://user:" + PASSWORD + "@host/index.json");
        Result spaced = shell.runWords(List.of("image", "server", "set", "http://user:pass word@host/index.json"));

        assertThat(ftp.exitCode()).isEqualTo(2);
        assertThat(ftp.err()).startsWith("error: ").doesNotContain(PASSWORD);
        assertThat(spaced.exitCode()).isEqualTo(2);
        assertThat(spaced.err()).contains("percent-encode").doesNotContain("pass word");
        assertThat(catalog.jdbc().queryForList("SELECT COMMAND_TEXT FROM AUDIT_EVENT", String.class))
                .noneMatch(text -> text.contains(PASSWORD));
        assertThat(credentials).doesNotExist();
    }

    @Test
    void aPasswordInTheQueryIsKeptApartLikeOneInTheUserInformationAndSentTheSameWay() throws IOException {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/query/index.json";

        Result set = shell.run("image server set " + base + "?channel=stable&password=" + PASSWORD + "&arch=x86_64");
        Result show = shell.run("image server show");
        Result sync = shell.run("image server sync");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(catalog.jdbc().queryForObject("SELECT LOCATION FROM IMAGE_SERVER", String.class))
                .isEqualTo(base + "?channel=stable&arch=x86_64");
        assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(credentials)).contains("password=" + PASSWORD).contains("parameter=password");
        assertThat(show.out()).contains("credentials: from " + credentials + "\n");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(queries).containsExactly("channel=stable&arch=x86_64&password=" + PASSWORD);
        assertThat(set.screen() + show.screen() + sync.screen() + shell.run("audit list").screen())
                .doesNotContain(PASSWORD);
        assertThat(catalog.jdbc().queryForList("SELECT COMMAND_TEXT || ' ' || DETAIL FROM AUDIT_EVENT", String.class))
                .noneMatch(event -> event.contains(PASSWORD));
    }

    @Test
    void aCredentialsFileReplacedByALinkIsOneClearLine() throws IOException {
        shell.run("image server set " + url("user:" + PASSWORD + "@"));
        Path elsewhere = Files.writeString(credentials.resolveSibling("elsewhere"), "password=planted\n");
        Files.delete(credentials);
        Files.createSymbolicLink(credentials, elsewhere);

        Result show = shell.run("image server show");
        Result sync = shell.run("image server sync");

        for (Result result : List.of(show, sync)) {
            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err().lines()).singleElement().asString().startsWith("error: ").contains(credentials.toString())
                    .doesNotContain("internal error", "Exception");
        }
        assertThat(authorizations).isEmpty();
        Files.delete(credentials);
        Files.delete(elsewhere);
    }

    @Test
    void aQueryPasswordAnOlderAmshStoredInTheCatalogIsShownMasked() {
        catalog.jdbc().update("UPDATE IMAGE_SERVER SET LOCATION = ? WHERE ID = 1",
                "http://127.0.0.1:1/query/index.json?password=" + PASSWORD);

        Result show = shell.run("image server show");

        assertThat(show.out()).contains("location: http://127.0.0.1:1/query/index.json?password=***\n")
                .doesNotContain(PASSWORD);
    }

    private String url(String userInfo) {
        return "http://" + userInfo + "127.0.0.1:" + server.getAddress().getPort() + "/private/index.json";
    }
}
