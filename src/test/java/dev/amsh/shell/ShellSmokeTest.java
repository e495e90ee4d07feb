package dev.amsh.shell;

import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@TestCatalog
class ShellSmokeTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
    }

    @Test
    void addsListsAndDeletesAnImageThroughTheShell() {
        String file = CatalogFixture.imageFile(2048).toString();

        assertThat(shell.run("amc image add jammy:android13:amd64 " + file).exitCode()).isZero();
        ShellHarness.Result list = shell.run("image list --format json");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("\"name\": \"jammy:android13:amd64\"").contains("\"default\": true");

        ShellHarness.Result delete = shell.run("image delete jammy:android13:amd64 --yes");
        assertThat(delete.exitCode()).isZero();
        assertThat(delete.out()).contains("removed jammy:android13:amd64: version 0 (2.0 KiB)")
                .contains("there is now no default container image");
        assertThat(catalog.count("IMAGE")).isZero();
    }

    @Test
    void unknownCommandIsAUsageError() {
        ShellHarness.Result result = shell.run("image frobnicate x");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: unknown command").doesNotContain("Exception");
    }
}
