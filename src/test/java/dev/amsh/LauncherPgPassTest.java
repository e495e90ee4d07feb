package dev.amsh;

import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.command.Exit;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.PostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL catalog's password from PostgreSQL's own password file ({@code PGPASSFILE}), when
 * neither the environment nor amsh's credentials file gives one, on a real server: the line for
 * the catalog's host, port, database and user is used; without one, or from a file others may
 * read, nothing connects and one line says why. The password never shows.
 */
class LauncherPgPassTest {

    private static final Pattern HOST_PORT_DATABASE = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)");

    @TempDir
    Path home;

    private final PostgresServer server = PostgresServer.get();
    private final CatalogCredentials admin = server.adminCredentials();
    private String url;
    private String passwordLine;
    private Path pgpass;
    private Map<String, String> env;

    @BeforeEach
    void aCatalogDatabaseAndAnEnvironmentNamingOnlyTheUser() throws IOException {
        url = server.url(server.createDatabase());
        Matcher parts = HOST_PORT_DATABASE.matcher(url);
        assertThat(parts.matches()).as(url).isTrue();
        passwordLine = parts.group(1) + ":" + parts.group(2) + ":" + parts.group(3) + ":" + admin.user() + ":"
                + admin.password();
        pgpass = home.resolve("pgpass");
        env = Map.of("XDG_CONFIG_HOME", Files.createDirectories(home.resolve("config")).toString(),
                "XDG_STATE_HOME", home.resolve("state").toString(),
                CatalogCredentials.ENV_USER, admin.user(), "PGPASSFILE", pgpass.toString());
    }

    @Test
    void anOwnerOnlyPasswordFileSuppliesThePasswordOfTheMatchingLine() throws IOException {
        write("# other catalogs first\n*:*:other_catalog:" + admin.user() + ":not-this-one\n" + passwordLine + "\n",
                "rw-------");

        Printed added = amsh("image", "add", "from-pgpass", CatalogFixture.imageFile(64).toString());
        Printed listed = amsh("image", "list");

        assertThat(added.code()).as(added.err()).isEqualTo(Exit.DONE.code());
        assertThat(listed.code()).as(listed.err()).isEqualTo(Exit.DONE.code());
        assertThat(listed.out()).contains("from-pgpass");
        assertThat(added.out() + added.err() + listed.out() + listed.err()).doesNotContain(admin.password());
    }

    @Test
    void withoutALineForTheCatalogAndWithoutATerminalOneLineSaysWhereAPasswordMayGo() throws IOException {
        write("*:*:other_catalog:" + admin.user() + ":" + admin.password() + "\n", "rw-------");

        Printed refused = amsh("image", "list");

        assertThat(refused.code()).isEqualTo(Exit.FAILED.code());
        assertThat(refused.err().lines()).singleElement().asString()
                .startsWith("error: catalog " + url + " needs a user and a password: set AMSH_CATALOG_USER and"
                        + " AMSH_CATALOG_PASSWORD")
                .endsWith(", or a hostname:port:database:username:password line in " + pgpass + " (chmod 600)");
        assertThat(refused.out() + refused.err()).doesNotContain(admin.password());
    }

    @Test
    void aPasswordFileOthersMayReadIsRefusedWithTheFix() throws IOException {
        write(passwordLine + "\n", "rw-r--r--");

        Printed refused = amsh("image", "list");

        assertThat(refused.code()).isEqualTo(Exit.FAILED.code());
        assertThat(refused.err()).isEqualTo("error: " + pgpass + " may be read or written by other users; fix it with:"
                + " chmod 600 " + pgpass + System.lineSeparator());
        assertThat(refused.out()).doesNotContain(admin.password());
    }

    private record Printed(int code, String out, String err) {
    }

    private void write(String text, String permissions) throws IOException {
        Files.writeString(pgpass, text);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString(permissions));
    }

    /** The launcher as {@code amsh --catalog-url URL WORDS...} with this test's environment, its output captured. */
    private Printed amsh(String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[words.length + 2];
        args[0] = "--catalog-url";
        args[1] = url;
        System.arraycopy(words, 0, args, 2, words.length);
        PrintStream console = System.out;
        int code;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = Launcher.run(args, env, errors);
        }
        finally {
            System.setOut(console);
        }
        return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
