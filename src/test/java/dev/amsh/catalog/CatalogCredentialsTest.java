package dev.amsh.catalog;

import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Secrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a network catalog's user and password come from, and what is refused on the way. */
class CatalogCredentialsTest {

    private static final String URL = "jdbc:derby://db:1527/catalog";
    private static final String POSTGRES_URL = "jdbc:postgresql://db:5432/catalog";

    @TempDir
    Path config;

    private Path file;
    private Map<String, String> noVariables;

    @BeforeEach
    void configurationDirectory() throws IOException {
        file = Files.createDirectories(config.resolve("amsh")).resolve("catalog.credentials");
        noVariables = Map.of("XDG_CONFIG_HOME", config.toString());
    }

    @Test
    void theVariablesComeFirst() throws IOException {
        writePrivate("user=filed\npassword=filed-Pw\n");

        CatalogCredentials credentials = CatalogCredentials.resolve(URL, Map.of("XDG_CONFIG_HOME", config.toString(),
                CatalogCredentials.ENV_USER, "ops", CatalogCredentials.ENV_PASSWORD, "env-Pw"), Optional.empty());

        assertThat(credentials).isEqualTo(new CatalogCredentials("ops", "env-Pw"));
    }

    @Test
    void thePrivateFileIsReadWhenTheVariablesAreNotSet() throws IOException {
        writePrivate("# the team catalog\nuser=ops\npassword=a=b;c\\d \n");

        assertThat(CatalogCredentials.resolve(URL, noVariables, Optional.empty()))
                .isEqualTo(new CatalogCredentials("ops", "a=b;c\\d "));
    }

    @Test
    void aFileOthersMayReadIsRefused() throws IOException {
        writePrivate("user=ops\npassword=loose-Pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> CatalogCredentials.resolve(URL, noVariables, Optional.empty()))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage(file + " may be read or written by other users; fix it with: chmod 600 " + file);
    }

    @Test
    void aLinkedFileIsRefused() throws IOException {
        Path elsewhere = config.resolve("elsewhere");
        Files.writeString(elsewhere, "user=ops\npassword=linked-Pw\n");
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(file, elsewhere);

        assertThatThrownBy(() -> CatalogCredentials.resolve(URL, noVariables, Optional.empty()))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageStartingWith(file + " is a symbolic link")
                .hasMessageNotContaining("linked-Pw");
    }

    @Test
    void withoutCredentialsOneLineSaysWhereToPutThem() {
        assertThatThrownBy(() -> CatalogCredentials.resolve(URL, noVariables, Optional.empty()))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage("catalog " + URL + " needs a user and a password: set AMSH_CATALOG_USER and"
                        + " AMSH_CATALOG_PASSWORD, or write two lines in " + file + " (chmod 600): user= followed by"
                        + " the user name, password= followed by the password");
    }

    @Test
    void theHintSurvivesTheRedactionOfEveryMessageWithoutAMaskThatReadsAsLiteral() {
        assertThatThrownBy(() -> CatalogCredentials.resolve(URL, noVariables, Optional.empty()))
                .satisfies(refused -> assertThat(Secrets.redact(refused.getMessage()))
                        .isEqualTo(refused.getMessage()).doesNotContain(Secrets.MASK));
    }

    @Test
    void aUserWithoutAPasswordIsNotEnough() {
        Map<String, String> userOnly = Map.of("XDG_CONFIG_HOME", config.toString(), CatalogCredentials.ENV_USER, "ops");

        assertThatThrownBy(() -> CatalogCredentials.resolve(URL, userOnly, Optional.empty()))
                .isInstanceOf(CatalogUnavailableException.class).hasMessageContaining("needs a user and a password");
    }

    @Test
    void aTerminalIsAskedForWhatIsMissingThePasswordWithoutEcho() {
        List<String> asked = new ArrayList<>();
        CatalogCredentials.Terminal terminal = new CatalogCredentials.Terminal() {
            @Override
            public String readLine(String prompt) {
                asked.add("line: " + prompt);
                return "ops";
            }

            @Override
            public char[] readPassword(String prompt) {
                asked.add("hidden: " + prompt);
                return "typed-Pw".toCharArray();
            }
        };

        CatalogCredentials credentials = CatalogCredentials.resolve(URL + ";ssl=basic", noVariables, Optional.of(terminal));

        assertThat(credentials).isEqualTo(new CatalogCredentials("ops", "typed-Pw"));
        assertThat(asked).containsExactly("line: user for catalog " + URL + ";ssl=basic: ",
                "hidden: password of ops for catalog " + URL + ";ssl=basic: ");
    }

    @Test
    void postgresqlsPasswordFileGivesAPostgresqlCatalogsPasswordWhenNothingElseDoes() throws IOException {
        Map<String, String> userOnly = userAndPgPass("db:5432:other:ops:other-Pw\ndb:5432:catalog:ops:pgpass-Pw\n",
                "rw-------");
        List<String> asked = new ArrayList<>();
        CatalogCredentials.Terminal terminal = new CatalogCredentials.Terminal() {
            @Override
            public String readLine(String prompt) {
                asked.add(prompt);
                return "someone";
            }

            @Override
            public char[] readPassword(String prompt) {
                asked.add(prompt);
                return "typed-Pw".toCharArray();
            }
        };

        assertThat(CatalogCredentials.resolve(POSTGRES_URL, userOnly, Optional.of(terminal)))
                .isEqualTo(new CatalogCredentials("ops", "pgpass-Pw"));
        assertThat(asked).as("nothing asked on the terminal").isEmpty();
        Map<String, String> withPassword = new HashMap<>(userOnly);
        withPassword.put(CatalogCredentials.ENV_PASSWORD, "env-Pw");
        assertThat(CatalogCredentials.resolve(POSTGRES_URL, withPassword, Optional.empty()))
                .isEqualTo(new CatalogCredentials("ops", "env-Pw"));
        assertThatThrownBy(() -> CatalogCredentials.resolve(URL, userOnly, Optional.empty()))
                .as("a Derby catalog's password never comes from PostgreSQL's file")
                .hasMessageContaining("needs a user and a password").hasMessageNotContaining("pgpass");
    }

    @Test
    void aPostgresqlPasswordFileOthersMayReadIsRefusedOnlyWhenItWouldBeRead() throws IOException {
        Map<String, String> userOnly = userAndPgPass("*:*:*:ops:loose-Pw\n", "rw-r--r--");
        Path pgpass = Path.of(userOnly.get("PGPASSFILE"));

        assertThatThrownBy(() -> CatalogCredentials.resolve(POSTGRES_URL, userOnly, Optional.empty()))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage(pgpass + " may be read or written by other users; fix it with: chmod 600 " + pgpass);
        Map<String, String> withPassword = new HashMap<>(userOnly);
        withPassword.put(CatalogCredentials.ENV_PASSWORD, "env-Pw");
        assertThat(CatalogCredentials.resolve(POSTGRES_URL, withPassword, Optional.empty()))
                .isEqualTo(new CatalogCredentials("ops", "env-Pw"));
    }

    @Test
    void aUserOrPasswordInTheUrlIsRefusedAndTheRefusalMasksIt() {
        assertThatThrownBy(() -> CatalogCredentials.resolve(URL + ";user=ops;password=url-Pw", noVariables, Optional.empty()))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("catalog URL " + URL + ";user=ops;password=*** names a user or password: remove them from"
                        + " the URL and set AMSH_CATALOG_USER and AMSH_CATALOG_PASSWORD instead");
        assertThatThrownBy(() -> CatalogCredentials.resolve(URL + ";create=true;USER=ops", noVariables, Optional.empty()))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> CatalogCredentials.resolve("jdbc:postgresql://db/c?ssl=true&password=x", noVariables,
                Optional.empty())).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void thePasswordNeverShowsInTheRecordsText() {
        assertThat(new CatalogCredentials("ops", "shown-Pw")).hasToString("CatalogCredentials[user=ops, password=***]");
    }

    /** An environment naming the user ops and, as PGPASSFILE, a file of {@code text} with {@code permissions}. */
    private Map<String, String> userAndPgPass(String text, String permissions) throws IOException {
        Path pgpass = config.resolve("pgpass");
        Files.writeString(pgpass, text);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString(permissions));
        return Map.of("XDG_CONFIG_HOME", config.toString(), "PGPASSFILE", pgpass.toString(),
                CatalogCredentials.ENV_USER, "ops");
    }

    private void writePrivate(String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
