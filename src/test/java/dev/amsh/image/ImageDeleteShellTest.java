package dev.amsh.image;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deletion rules D1-D8 through the shell: the real parser, command, service and output,
 * each rule refusing and, once its condition is gone, allowing.
 */
@TestCatalog
class ImageDeleteShellTest {

    private static final String NOUGAT = "io.anbox-cloud:nougat:amd64";
    private static final String JAMMY = "jammy:android13:amd64";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    CatalogBuilder build;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
        build = new CatalogBuilder(shell, catalog);
    }

    // D1 unknown

    @Test
    void d1RefusesAnUnknownNameAndSuggestsCloseNames() {
        build.image(JAMMY, 1024);
        String before = catalog.snapshot();

        Result result = shell.run("image delete jammy:android13:amd46 --yes");

        assertRefused(result, "D1 unknown: image 'jammy:android13:amd46' not found");
        assertThat(result.err()).contains("did you mean: " + JAMMY + "?");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d1RefusesAVersionTheImageDoesNotHaveAndListsItsVersions() {
        build.image(JAMMY, 1024, 2048);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + JAMMY + " --version 7 --yes");

        assertRefused(result, "D1 unknown: image " + JAMMY + " has no version 7 (versions: 0, 1)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d1AllowsAnImageNamedByItsId() {
        build.image(JAMMY, 1024);
        String id = catalog.jdbc().queryForObject("SELECT ID FROM IMAGE", String.class);

        Result result = shell.run("image delete " + id + " --yes");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + JAMMY + ": version 0 (1.0 KiB)");
        assertThat(catalog.count("IMAGE")).isZero();
    }

    // D2 immutable

    @Test
    void d2RefusesAnImmutableImageWithoutForceAndSaysToAddIt() {
        build.image(JAMMY, 1024);
        build.immutableImage(NOUGAT, false, 4096);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + NOUGAT + " --yes");

        assertRefused(result, "D2 immutable: " + NOUGAT + " is synchronized from the image server; add --force");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "image delete --force " + NOUGAT + " --yes",
            "image delete -f " + NOUGAT + " -y",
            "image delete " + NOUGAT + " -fy",
            "amc image delete --yes " + NOUGAT + " --force"})
    void d2AllowsAnImmutableImageWithForce(String line) {
        build.image(JAMMY, 1024);
        build.immutableImage(NOUGAT, false, 4096, 4096);

        Result result = shell.run(line);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + NOUGAT + ": versions 0, 1 (8.0 KiB)");
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
        assertThat(catalog.count("IMAGE_VERSION")).isEqualTo(1);
    }

    // D3 immutable version

    @ParameterizedTest
    @ValueSource(strings = {"--version 0 --yes", "--version 0 --force --yes"})
    void d3RefusesAVersionOfAnImmutableImageWithOrWithoutForce(String options) {
        build.image(JAMMY, 1024);
        build.immutableImage(NOUGAT, false, 4096, 4096);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + NOUGAT + " " + options);

        assertRefused(result, "D3 immutable version: versions of immutable images cannot be deleted;"
                + " the whole image can be deleted, with --force (image delete " + NOUGAT + " --force)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d3AllowsAVersionOfAMutableImage() {
        build.image(JAMMY, 1024, 2048);

        Result result = shell.run("image delete " + JAMMY + " --version 0 --yes");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + JAMMY + ": version 0 (1.0 KiB)");
        assertThat(versionsOf(JAMMY)).containsExactly(1);
    }

    // D4 last version

    @Test
    void d4RefusesTheOnlyVersionAndSaysToDeleteTheWholeImage() {
        build.image(JAMMY, 1024, 2048);
        assertThat(shell.run("image delete " + JAMMY + " --version 0 --yes").exitCode()).isZero();
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + JAMMY + " --version 1 --yes");

        assertRefused(result, "D4 last version: version 1 is the only version of " + JAMMY
                + "; one version must remain; delete the whole image instead (image delete " + JAMMY + ")");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d4AllowsAVersionWhileAnotherRemainsAndNeverReusesItsNumber() {
        build.image(JAMMY, 1024, 2048);

        assertThat(shell.run("image delete " + JAMMY + " -v 1 -y").exitCode()).isZero();
        assertThat(shell.run("image update " + JAMMY + " " + CatalogFixture.imageFile(512)).exitCode()).isZero();

        assertThat(versionsOf(JAMMY)).containsExactly(0, 2);
    }

    // D5 default, D6 sole default

    @Test
    void d5RefusesTheDefaultWhileAnotherImageOfItsTypeExistsAndNamesTheSwitch() {
        build.image(JAMMY, 1024);
        build.image("focal:android12:amd64", 1024);
        build.vmImage("vm-only", 1024);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + JAMMY + " --yes");

        assertRefused(result, "D5 default: " + JAMMY + " is the default container image; make another container"
                + " image the default first: image switch focal:android12:amd64 (candidates: focal:android12:amd64)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d5AllowsTheFormerDefaultOnceAnotherIsSwitchedIn() {
        build.image(JAMMY, 1024);
        build.image("focal:android12:amd64", 1024);

        assertThat(shell.run("image switch focal:android12:amd64").exitCode()).isZero();
        Result result = shell.run("image delete " + JAMMY + " --yes");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + JAMMY).doesNotContain("no default");
        assertThat(catalog.jdbc().queryForObject("SELECT NAME FROM IMAGE WHERE DEFAULT_OF = 'container'",
                String.class)).isEqualTo("focal:android12:amd64");
    }

    @Test
    void d6AllowsTheSoleDefaultOfItsTypeAndSaysTheTypeHasNoDefaultNow() {
        build.image(JAMMY, 1024);
        build.vmImage("other-type", 1024);

        Result result = shell.run("image delete " + JAMMY + " --yes");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + JAMMY + ": version 0 (1.0 KiB)")
                .contains("there is now no default container image");
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
    }

    // D7 in use

    @Test
    void d7RefusesAnImageInUseAndNamesTheApplicationsAndTheirVersions() {
        build.image(JAMMY, 1024);
        build.image("other", 1024);
        assertThat(shell.run("image switch other").exitCode()).isZero();
        build.application("app1", JAMMY);
        build.application("app2", JAMMY);
        assertThat(shell.run("application update app2 --image " + JAMMY).exitCode()).isZero();
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + JAMMY + " --yes");

        assertRefused(result, "D7 in use: " + JAMMY + " is in use by app1 (version 0), app2 (versions 0, 1);"
                + " delete them first (application delete app1, application delete app2)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d7RefusesAPinnedVersionButAllowsAnUnpinnedOne() {
        build.image(JAMMY, 1024);
        build.application("app1", JAMMY);
        assertThat(shell.run("image update " + JAMMY + " " + CatalogFixture.imageFile(2048)).exitCode()).isZero();

        Result pinned = shell.run("image delete " + JAMMY + " --version 0 --yes");
        Result unpinned = shell.run("image delete " + JAMMY + " --version 1 --yes");

        assertRefused(pinned, "D7 in use: version 0 of " + JAMMY + " is pinned by app1 (version 0);"
                + " delete it first (application delete app1)");
        assertThat(unpinned.exitCode()).as(unpinned.err()).isZero();
        assertThat(versionsOf(JAMMY)).containsExactly(0);
    }

    @Test
    void d7AllowsTheImageOnceItsApplicationsAreDeletedAndLeavesNoApplicationChanged() {
        build.image(JAMMY, 1024);
        build.application("app1", JAMMY);
        assertThat(shell.run("image delete " + JAMMY + " --yes").exitCode()).isEqualTo(1);

        assertThat(shell.run("application delete app1 --yes").exitCode()).isZero();
        Result result = shell.run("image delete " + JAMMY + " --yes");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(catalog.count("IMAGE")).isZero();
    }

    // D8 force scope, and every blocking rule in one refusal

    @Test
    void d8ForceDoesNotOverrideDefaultOrInUseAndTheRefusalSaysSo() {
        build.image(JAMMY, 1024);
        build.image("other", 1024);
        build.application("app1", JAMMY);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + JAMMY + " --force --yes");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("(2 rules refuse)")
                .contains("D5 default:").contains("D7 in use:")
                .containsSubsequence("image switch other", "(--force does not override this)",
                        "application delete app1", "(--force does not override this)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void d8ForceDoesNotOverrideImmutableVersionOrLastVersionAndEveryBlockingRuleIsNamed() {
        build.image(JAMMY, 1024);
        build.immutableImage(NOUGAT, false, 4096);
        build.application("app1", NOUGAT);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + NOUGAT + " --version 0 --force --yes");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(errorLines(result)).containsExactly(
                "error: cannot delete " + NOUGAT + " (3 rules refuse):",
                "  D3 immutable version: versions of immutable images cannot be deleted; the whole image can be"
                        + " deleted, with --force (image delete " + NOUGAT + " --force)"
                        + " (--force does not override this)",
                "  D4 last version: version 0 is the only version of " + NOUGAT + "; one version must remain;"
                        + " delete the whole image instead (image delete " + NOUGAT + ")"
                        + " (--force does not override this)",
                "  D7 in use: version 0 of " + NOUGAT + " is pinned by app1 (version 0); delete it first"
                        + " (application delete app1) (--force does not override this)");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void withoutForceAnImmutableDefaultImageInUseNamesImmutableDefaultAndInUseAtOnce() {
        build.immutableImage(NOUGAT, true, 4096);
        build.image(JAMMY, 1024);
        build.application("app1", NOUGAT);
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + NOUGAT + " --yes");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("(3 rules refuse)")
                .containsSubsequence("D2 immutable:", "add --force", "D5 default:", "image switch " + JAMMY,
                        "D7 in use:", "application delete app1")
                .doesNotContain("does not override");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    // The seed document's three forms

    @Test
    void seedFormDeletesAnImageByNameAfterConfirmation() {
        build.image("image-name", 1024);
        build.image("other", 1024);
        assertThat(shell.run("image switch other").exitCode()).isZero();

        Result result = shell.runAnswering("amc image delete image-name", "y");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed image-name: version 0 (1.0 KiB)");
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
    }

    @Test
    void seedFormForceDeletesAnImmutableImageAndFailsWithoutForce() {
        build.image(JAMMY, 1024);
        build.immutableImage(NOUGAT, false, 4096);

        Result withoutForce = shell.runAnswering("amc image delete " + NOUGAT, question -> {
            throw new AssertionError("a refused delete must not ask: " + question);
        });
        Result withForce = shell.runAnswering("amc image delete --force " + NOUGAT, "y");

        assertRefused(withoutForce, "D2 immutable:");
        assertThat(withForce.exitCode()).as(withForce.err()).isZero();
        assertThat(withForce.out()).contains("removed " + NOUGAT + ": version 0 (4.0 KiB)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "amc image delete image-name --version=1 --yes",
            "amc image delete image-name --version 1 --yes",
            "image delete image-name -v 1 -y",
            "image delete -v 1 -y image-name",
            "image delete --yes --version=1 image-name",
            "image delete -v=1 image-name -y"})
    void seedFormDeletesOneVersionInEveryOptionSpelling(String line) {
        build.image("image-name", 1024, 2048, 512);

        Result result = shell.run(line);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed image-name: version 1 (2.0 KiB)");
        assertThat(versionsOf("image-name")).containsExactly(0, 2);
    }

    @Test
    void seedFormDeletesOneVersionAfterConfirmation() {
        build.image("image-name", 1024, 2048);

        Result result = shell.runAnswering("amc image delete image-name --version=1", "y");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(versionsOf("image-name")).containsExactly(0);
    }

    // --vm

    @Test
    void vmFlagSelectsTheVmVariantOfANameAndWithoutItTheContainerVariantGoes() {
        build.image("foo", 1024);
        build.vmImage("foo", 2048);
        build.image("bar", 1024);
        build.vmImage("baz", 1024);
        assertThat(shell.run("image switch bar").exitCode()).isZero();
        assertThat(shell.run("image switch baz --vm").exitCode()).isZero();

        Result vm = shell.run("image delete foo --vm --yes");
        Result container = shell.run("image delete foo --yes");

        assertThat(vm.out()).contains("removed foo (vm): version 0 (2.0 KiB)");
        assertThat(container.out()).contains("removed foo: version 0 (1.0 KiB)");
        assertThat(catalog.jdbc().queryForList("SELECT NAME FROM IMAGE WHERE NAME = 'foo'")).isEmpty();
    }

    // Usage errors: exit 2, nothing changed

    @ParameterizedTest
    @ValueSource(strings = {
            "image delete",
            "image delete image-name --version",
            "image delete image-name --version 1 --version 2 --yes",
            "image delete image-name --force=yes",
            "image delete image-name other-name --yes",
            "image delete image-name --everything",
            "image --force delete image-name"})
    void malformedDeleteLinesAreUsageErrors(String line) {
        build.image("image-name", 1024, 2048);
        String before = catalog.snapshot();

        Result result = shell.run(line);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: ").hasLineCount(1);
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    // Audit

    @Test
    void everyAttemptDoneOrRefusedLeavesAnAuditEventWithItsReasons() {
        build.image(JAMMY, 1024);
        build.image("other", 1024);
        build.application("app1", JAMMY);
        catalog.jdbc().update("DELETE FROM AUDIT_EVENT");

        shell.run("image delete " + JAMMY + " --yes");
        shell.run("image delete other --version 0 --yes");
        shell.run("application delete app1 --yes");
        assertThat(shell.run("image switch other").exitCode()).isZero();
        shell.run("image delete " + JAMMY + " --yes");

        List<String> events = catalog.jdbc().queryForList(
                "SELECT OUTCOME || ' | ' || COMMAND_TEXT || ' | ' || DETAIL FROM AUDIT_EVENT ORDER BY ID", String.class);
        assertThat(events).hasSize(5);
        assertThat(events.get(0)).startsWith("refused | image delete " + JAMMY + " --yes | ")
                .contains("D5 default:").contains("D7 in use:");
        assertThat(events.get(1)).startsWith("refused | image delete other --version 0 --yes | ")
                .contains("D4 last version:");
        assertThat(events.get(4)).isEqualTo("done | image delete " + JAMMY + " --yes | removed " + JAMMY
                + ": version 0 (1.0 KiB)");
    }

    private List<Integer> versionsOf(String name) {
        return catalog.jdbc().queryForList("""
                SELECT V.VERSION FROM IMAGE_VERSION V JOIN IMAGE I ON I.ID = V.IMAGE_ID
                WHERE I.NAME = ? AND I.TYPE = 'container' ORDER BY V.VERSION""", Integer.class, name);
    }

    private static List<String> errorLines(Result result) {
        return result.err().lines().toList();
    }

    /** Exit 1, one header line naming the image, then the refusal containing {@code expected}. */
    private static void assertRefused(Result result, String expected) {
        assertThat(result.exitCode()).as(result.screen()).isEqualTo(1);
        assertThat(result.err()).startsWith("error: cannot delete ").contains(expected)
                .doesNotContain("Exception");
    }
}
