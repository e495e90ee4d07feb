package dev.amsh.image;

import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code image delete} without {@code --yes}: the plan, the question, the answer, and a catalog changing meanwhile. */
@TestCatalog
class ImageDeleteConfirmationTest {

    private static final String JAMMY = "jammy:android13:amd64";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    CatalogBuilder build;

    @BeforeEach
    void catalogWithTwoImages() {
        catalog.reset();
        build = new CatalogBuilder(shell, catalog);
        build.image("default-image", 1024);
        build.image(JAMMY, 1024, 2048, 3072);
    }

    @Test
    void withoutATerminalADeleteWithoutYesIsRefusedAndSaysToAddYes() {
        String before = catalog.snapshot();

        Result result = shell.run("image delete " + JAMMY);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: nothing removed: " + JAMMY
                + " needs confirmation and there is no terminal to ask; add --yes\n");
        assertThat(result.out()).isEmpty();
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(lastAudit()).startsWith("refused | not confirmed (there is no terminal to ask; add --yes)");
    }

    @Test
    void withoutATerminalOneShotWordsAreRefusedTheSameWay() {
        String before = catalog.snapshot();

        Result result = shell.runWords(List.of("image", "delete", JAMMY, "--version", "1"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("add --yes").hasLineCount(1);
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void onATerminalThePlanListsTheVersionsAndSizesThenAsks() {
        List<String> questions = new ArrayList<>();

        Result result = shell.runAnswering("image delete " + JAMMY, question -> {
            questions.add(question);
            return Optional.of("n");
        });

        String id = catalog.jdbc().queryForObject("SELECT ID FROM IMAGE WHERE NAME = ?", String.class, JAMMY);
        assertThat(result.out()).startsWith("""
                The following image will be REMOVED:
                  - %s (%s, container)
                    version 0  1.0 KiB
                    version 1  2.0 KiB
                    version 2  3.0 KiB
                  total 6.0 KiB
                """.formatted(JAMMY, id));
        assertThat(questions).containsExactly("Do you want to continue? [Y/n]: ");
    }

    @Test
    void aVmImagesPlanNamesItsTypeOnce() {
        build.vmImage("focal-vm", 1024, 2048);
        String id = catalog.jdbc().queryForObject("SELECT ID FROM IMAGE WHERE NAME = 'focal-vm'", String.class);

        Result whole = shell.runAnswering("image delete focal-vm --vm", "n");
        Result version = shell.runAnswering("image delete focal-vm --vm --version 0", "n");

        assertThat(whole.out()).contains("  - focal-vm (" + id + ", vm)\n");
        assertThat(version.out()).contains("  - focal-vm version 0 (" + id + ", vm)\n");
        assertThat(whole.out() + version.out()).doesNotContain("(vm)");
    }

    @Test
    void anAnswerThatIsNeitherYesNorNoAsksAgainUntilOneIs() {
        List<String> questions = new ArrayList<>();
        List<String> answers = new ArrayList<>(List.of("x", "maybe", "y"));

        Result result = shell.runAnswering("image delete " + JAMMY, question -> {
            questions.add(question);
            return Optional.of(answers.remove(0));
        });

        assertThat(questions).hasSize(3).containsOnly("Do you want to continue? [Y/n]: ");
        assertThat(result.err()).isEqualTo("please answer y (yes) or n (no)\n".repeat(2));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + JAMMY + ": versions 0, 1, 2 (6.0 KiB)");
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
    }

    @Test
    void anUnclearAnswerThenNoRemovesNothing() {
        String before = catalog.snapshot();

        Result result = shell.runAnswering("image delete " + JAMMY, "x", "no");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("please answer y (yes) or n (no)\n");
        assertThat(result.out()).endsWith("nothing removed\n");
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void theVersionPlanNamesOnlyThatVersion() {
        Result result = shell.runAnswering("image delete " + JAMMY + " --version 1", "n");

        assertThat(result.out()).contains("The following image version will be REMOVED:")
                .contains(JAMMY + " version 1").contains("    version 1  2.0 KiB")
                .doesNotContain("version 0").doesNotContain("version 2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"n", "no", "N", "anything else"})
    void anAnswerOtherThanYesRemovesNothing(String answer) {
        String before = catalog.snapshot();

        Result result = shell.runAnswering("image delete " + JAMMY, answer);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).endsWith("nothing removed\n");
        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(lastAudit()).startsWith("refused | not confirmed (the operator answered no)");
    }

    @Test
    void endOfInputAtTheQuestionRemovesNothing() {
        String before = catalog.snapshot();

        Result result = shell.runAnswering("image delete " + JAMMY, question -> Optional.empty());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"y", "Y", "yes", "", "  "})
    void yesOrAnEmptyAnswerRemoves(String answer) {
        Result result = shell.runAnswering("image delete " + JAMMY, answer);

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("removed " + JAMMY + ": versions 0, 1, 2 (6.0 KiB)");
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
        assertThat(lastAudit()).startsWith("done | removed " + JAMMY);
    }

    @Test
    void aVersionAddedBetweenQuestionAndAnswerRemovesNothingAndSaysWhatChanged() {
        Result result = shell.runAnswering("image delete " + JAMMY, question -> {
            assertThat(shell.run("image update " + JAMMY + " " + CatalogFixture.imageFile(100)).exitCode()).isZero();
            return Optional.of("y");
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("error: nothing removed: the catalog changed since the removal was shown:"
                + " the versions of " + JAMMY + " changed from 0, 1, 2 to 0, 1, 2, 3\n");
        assertThat(versionsOfJammy()).containsExactly(0, 1, 2, 3);
        assertThat(lastAudit()).startsWith("refused | nothing removed: the versions of " + JAMMY);
    }

    @Test
    void anApplicationCreatedBetweenQuestionAndAnswerRemovesNothingAndNamesIt() {
        Result result = shell.runAnswering("image delete " + JAMMY, question -> {
            assertThat(shell.run("application create app1 --image " + JAMMY).exitCode()).isZero();
            return Optional.of("y");
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("D7 in use: " + JAMMY + " is in use by app1 (version 0)");
        assertThat(versionsOfJammy()).containsExactly(0, 1, 2);
        assertThat(catalog.count("APPLICATION_VERSION")).isEqualTo(1);
    }

    @Test
    void theImageReplacedUnderItsNameBetweenQuestionAndAnswerIsNotRemoved() {
        Result result = shell.runAnswering("image delete " + JAMMY, question -> {
            assertThat(shell.run("image delete " + JAMMY + " --yes").exitCode()).isZero();
            build.image(JAMMY, 512);
            return Optional.of("y");
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("the catalog changed since the removal was shown: the name now refers to another image");
        assertThat(versionsOfJammy()).containsExactly(0);
    }

    @Test
    void anotherImageOfTheTypeAddedBetweenQuestionAndAnswerKeepsTheSoleDefault() {
        catalog.reset();
        build.image(JAMMY, 1024);

        Result result = shell.runAnswering("image delete " + JAMMY, question -> {
            build.image("newcomer", 1024);
            return Optional.of("y");
        });

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("D5 default:").contains("image switch newcomer");
        assertThat(catalog.count("IMAGE")).isEqualTo(2);
    }

    private List<Integer> versionsOfJammy() {
        return catalog.jdbc().queryForList("""
                SELECT V.VERSION FROM IMAGE_VERSION V JOIN IMAGE I ON I.ID = V.IMAGE_ID
                WHERE I.NAME = ? ORDER BY V.VERSION""", Integer.class, JAMMY);
    }

    private String lastAudit() {
        return catalog.jdbc().queryForObject("""
                SELECT OUTCOME || ' | ' || DETAIL FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY""",
                String.class);
    }
}
