package dev.amsh.shell;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The spellings amc documents (aliases, short flags) and "did you mean" for what is mistyped, through the real shell. */
@TestCatalog
class AmcSpellingsShellTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @BeforeEach
    void catalogWithAnImageAndAnApplication() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image("jammy", 1024);
        build.application("game", "jammy");
    }

    @Test
    void lsListsImagesAndApplicationsAsListDoes() {
        assertThat(shell.run("image ls").out()).isEqualTo(shell.run("image list").out()).contains("jammy");
        assertThat(shell.run("amc image ls --format json").out()).isEqualTo(shell.run("image list --format json").out());
        assertThat(shell.run("application ls").out()).isEqualTo(shell.run("application list").out()).contains("game");
        assertThat(shell.run("app ls").out()).isEqualTo(shell.run("application list").out());
    }

    @Test
    void appStandsForApplicationInEveryApplicationCommand() {
        assertThat(shell.run("app create other --image jammy").exitCode()).isZero();
        assertThat(shell.run("app update other").exitCode()).isZero();
        assertThat(shell.run("app show other").out()).contains("other");
        assertThat(shell.run("app delete other --version 0 --yes").exitCode()).isZero();
        assertThat(shell.run("app delete other -y").exitCode()).isZero();
        assertThat(catalog.jdbc().queryForObject("SELECT COUNT(*) FROM APPLICATION WHERE NAME = 'other'", Integer.class))
                .isZero();
    }

    @Test
    void dashDMakesAnAddedOrUpdatedImageTheDefault() {
        assertThat(shell.run("image add second " + CatalogFixture.imageFile(10) + " -d").exitCode()).isZero();
        assertThat(defaultContainerImage()).isEqualTo("second");

        assertThat(shell.run("image update jammy " + CatalogFixture.imageFile(10) + " -d").exitCode()).isZero();
        assertThat(defaultContainerImage()).isEqualTo("jammy");
    }

    @Test
    void aMistypedCommandOrOptionSuggestsTheClosest() {
        Result command = shell.run("imgae list");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).isEqualTo("error: unknown command 'imgae list'; did you mean 'image list'?\n");

        Result option = shell.run("image list --frmat json");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).isEqualTo("error: unknown option --frmat for 'image list'; did you mean --format?\n");

        assertThat(shell.run("image delet jammy").err()).contains("did you mean 'image delete'?");
        assertThat(shell.run("image list --zzzzzz").err()).contains("see 'image list --help'");
    }

    @Test
    void anUnknownImageNameSuggestsNamesIgnoringCase() {
        Result result = shell.run("image show JAMMY");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("did you mean jammy?");
        assertThat(shell.run("image delete JAMY --yes").err()).contains("did you mean: jammy?");
    }

    @Test
    void helpNamesTheAliases() {
        assertThat(shell.run("image list --help").out()).contains("aliases: image ls");
        assertThat(shell.run("help app ls").out()).contains("application list");
    }

    private String defaultContainerImage() {
        return catalog.jdbc().queryForObject("SELECT NAME FROM IMAGE WHERE DEFAULT_OF = 'container'", String.class);
    }
}
