package dev.amsh.application;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every application command names an application by id as well as by name, as images are named. */
@TestCatalog
class ApplicationByIdShellTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    String id;

    @BeforeEach
    void setUp() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image("base", 10);
        build.application("app1", "base");
        build.application("app2", "base");
        id = catalog.jdbc().queryForObject("SELECT ID FROM APPLICATION WHERE NAME = 'app1'", String.class);
    }

    @Test
    void showFindsItById() {
        Result result = shell.run("application show " + id);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("id: " + id).contains("name: app1");
    }

    @Test
    void updateAddsAVersionToTheApplicationNamedById() {
        Result result = shell.run("application update " + id);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("application app1: version 1 pins base");
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM APPLICATION_VERSION WHERE APPLICATION_ID = ?",
                Integer.class, id)).isEqualTo(2);
    }

    @Test
    void deleteOfOneVersionById() {
        assertThat(shell.run("app update " + id).exitCode()).isZero();

        Result result = shell.run("application delete --version=1 " + id + " --yes");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo("removed application app1: version 1");
        assertThat(catalog.jdbc().queryForList("SELECT VERSION FROM APPLICATION_VERSION WHERE APPLICATION_ID = ?",
                Integer.class, id)).containsExactly(0);
    }

    @Test
    void deleteByIdAfterConfirmationShowsTheNameAndRemovesOnlyThatApplication() {
        Result result = shell.runAnswering("application delete " + id, "y");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("  - app1 (version 0)")
                .contains("removed application app1: version 0");
        assertThat(catalog.jdbc().queryForList("SELECT NAME FROM APPLICATION", String.class)).containsExactly("app2");
    }

    @Test
    void aMistypedNameIsAnsweredWithTheClosestNamesAsForImages() {
        Result typo = shell.run("application show Ap1");
        Result imageTypo = shell.run("image show bsae");

        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err().strip()).isEqualTo("error: application 'Ap1' not found; did you mean app1, app2?");
        assertThat(imageTypo.err().strip()).isEqualTo("error: image 'bsae' not found; did you mean base?");
        assertThat(shell.run("application show appp").err()).contains("did you mean app1, app2?");
    }

    @Test
    void anUnknownIdIsOneLineNotFound() {
        String unknown = "0".repeat(20);

        Result result = shell.run("application delete " + unknown + " --yes");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo("error: application '" + unknown + "' not found; see 'application list'");
        assertThat(catalog.count("APPLICATION")).isEqualTo(2);
    }
}
