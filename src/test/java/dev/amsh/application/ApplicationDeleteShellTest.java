package dev.amsh.application;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code application delete} through the shell: confirmation, its audit, and a change while asking. */
@TestCatalog
class ApplicationDeleteShellTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    CatalogBuilder build;

    @BeforeEach
    void setUp() {
        catalog.reset();
        build = new CatalogBuilder(shell, catalog);
        build.image("base", 10);
        build.application("app1", "base");
    }

    @Test
    void withoutATerminalItNeedsYesChangesNothingAndIsAudited() {
        String before = catalog.snapshot();

        Result result = shell.run("application delete app1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("add --yes");
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(lastAudit()).contains("refused").contains("nothing removed of application app1");
    }

    @Test
    void answeringNoRemovesNothingAndIsAudited() {
        Result result = shell.runAnswering("application delete app1", "n");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("The following application will be REMOVED:\n  - app1 (version 0)\n")
                .contains("nothing removed");
        assertThat(catalog.count("APPLICATION")).isEqualTo(1);
        assertThat(lastAudit()).contains("the operator answered no");
    }

    @Test
    void theVersionPlanNamesTheKindAndTheVersion() {
        shell.run("application update app1 --image base");

        Result result = shell.runAnswering("application delete app1 --version 0", "n");

        assertThat(result.out()).startsWith("The following application version will be REMOVED:\n"
                + "  - app1 version 0\n");
    }

    @Test
    void anUnclearAnswerAsksAgainAndEnterMeansYes() {
        Result result = shell.runAnswering("application delete app1", "x", "");

        assertThat(result.err()).isEqualTo("please answer y (yes) or n (no)\n");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed application app1: version 0");
        assertThat(catalog.count("APPLICATION")).isZero();
    }

    @Test
    void answeringYesRemovesIt() {
        Result result = shell.runAnswering("application delete app1", "y");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("removed application app1: version 0");
        assertThat(catalog.count("APPLICATION")).isZero();
    }

    @Test
    void aVersionAddedWhileAskingMeansNothingIsRemoved() {
        Result result = shell.runAnswering("application delete app1", question -> {
            assertThat(shell.run("application update app1").exitCode()).isZero();
            return Optional.of("y");
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("changed since the removal was shown").contains("were 0 and are now 0, 1");
        assertThat(catalog.count("APPLICATION_VERSION")).isEqualTo(2);
    }

    private String lastAudit() {
        return catalog.jdbc().queryForObject(
                "SELECT OUTCOME || ' ' || DETAIL FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY",
                String.class);
    }
}
