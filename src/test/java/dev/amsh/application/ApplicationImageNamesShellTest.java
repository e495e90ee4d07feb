package dev.amsh.application;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An application's listing and its versions name the image each pins, not only its id. */
@TestCatalog
class ApplicationImageNamesShellTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    String baseId;
    String otherId;

    @BeforeEach
    void setUp() {
        catalog.reset();
        CatalogBuilder build = new CatalogBuilder(shell, catalog);
        build.image("base", 10);
        build.image("other", 11);
        build.application("app1", "base");
        assertThat(shell.run("application update app1 --image other").exitCode()).isZero();
        baseId = imageId("base");
        otherId = imageId("other");
    }

    @Test
    void theTableNamesTheImageTheNewestVersionPins() {
        Result result = shell.run("application list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines().findFirst().orElseThrow())
                .containsSubsequence("ID", "NAME", "VERSIONS", "IMAGE", "IMAGE_NAME", "IMAGE_VERSION");
        assertThat(result.out().lines().filter(line -> line.contains("app1")).findFirst().orElseThrow())
                .containsSubsequence(otherId, "other", "0");
    }

    @Test
    void jsonCarriesTheNameBesideTheId() {
        Result result = shell.run("application list --format json");

        assertThat(result.exitCode()).isZero();
        List<Map<String, Object>> applications = new Yaml().load(result.out());
        assertThat(applications).singleElement().satisfies(application -> assertThat(application)
                .containsEntry("image", otherId).containsEntry("image_name", "other").containsEntry("image_version", 0));
    }

    @Test
    void showNamesTheImageOfEveryVersion() {
        Result result = shell.run("application show app1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsSubsequence(
                "version: 0", "image: " + baseId, "image_name: base",
                "version: 1", "image: " + otherId, "image_name: other");
    }

    private String imageId(String name) {
        return catalog.jdbc().queryForObject("SELECT ID FROM IMAGE WHERE NAME = ?", String.class, name);
    }
}
