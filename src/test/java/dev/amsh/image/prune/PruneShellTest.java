package dev.amsh.image.prune;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows.AuditRow;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code image prune} through the shell on a real catalog: what it removes and keeps and why, the
 * confirmation, the dry run, and the plan applied exactly or not at all.
 */
@TestCatalog
class PruneShellTest {

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    CatalogBuilder build;

    CatalogRows rows;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
        build = new CatalogBuilder(shell, catalog);
        rows = new CatalogRows(catalog);
    }

    @Nested
    class Protections {

        @Test
        void keepsTheNewestVersionOfEveryImage() {
            build.image("jammy", 1024, 2048, 4096);
            build.image("single", 1024);

            Result result = shell.run("image prune --keep-last 1 --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("jammy:\n  version 0 +1\\.0 KiB  remove\n"
                            + "  version 1 +2\\.0 KiB  remove\n  version 2 +4\\.0 KiB  keep \\(newest\\)\n")
                    .contains("would reclaim 3.0 KiB in 2 versions")
                    .contains("pruned 2 versions, reclaimed 3.0 KiB")
                    .doesNotContain("single");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(2);
            assertThat(rows.versionsOf("single", ImageType.CONTAINER)).containsExactly(0);
        }

        @Test
        void keepsAVersionPinnedByAnApplicationAndSaysWhichOne() {
            build.image("jammy", 1024, 1024);
            build.application("shop", "jammy");
            shell.run("image update jammy " + CatalogFixture.imageFile(1024));
            shell.run("image update jammy " + CatalogFixture.imageFile(1024));

            Result result = shell.run("image prune --keep-last 1 --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("version 1 +1\\.0 KiB  keep \\(in use by shop\\)");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(1, 3);
        }

        @Test
        void removesNothingOfAnImmutableImage() {
            build.image("local", 1024, 1024);
            build.immutableImage("synced", false, 1024, 1024, 1024);

            Result result = shell.run("image prune --keep-last 1 --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("synced:\n  version 0 +1\\.0 KiB  keep \\(immutable\\)\n"
                    + "  version 1 +1\\.0 KiB  keep \\(immutable\\)\n  version 2 +1\\.0 KiB  keep \\(newest\\)\n");
            assertThat(rows.versionsOf("synced", ImageType.CONTAINER)).containsExactly(0, 1, 2);
            assertThat(rows.versionsOf("local", ImageType.CONTAINER)).containsExactly(1);
        }

        @Test
        void aCatalogWithNothingToPruneSaysSoAndSucceeds() {
            build.image("jammy", 1024, 1024);
            int events = catalog.count("AUDIT_EVENT");

            Result result = shell.run("image prune --keep-last 2");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).endsWith("nothing to prune\n");
            assertThat(catalog.count("AUDIT_EVENT")).isEqualTo(events);
        }
    }

    @Nested
    class Criteria {

        @Test
        void keepLastKeepsThatManyNewestVersions() {
            build.image("jammy", 1024, 1024, 1024, 1024, 1024);

            Result result = shell.run("image prune --keep-last 3 --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("keep (within keep-last 3)");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(2, 3, 4);
        }

        @Test
        void olderThanRemovesOnlyVersionsCreatedBeforeTheCutoff() {
            build.image("jammy", 1024, 1024, 1024, 1024);
            age("jammy", 0, Duration.ofDays(60));
            age("jammy", 1, Duration.ofDays(31));
            age("jammy", 2, Duration.ofDays(29));

            Result result = shell.run("image prune --older-than 30d --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("keep (newer than 30d)");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(2, 3);
        }

        @Test
        void bothTogetherRemoveOnlyVersionsBeyondKeepLastAndOlderThanTheCutoff() {
            build.image("jammy", 1024, 1024, 1024, 1024, 1024);
            age("jammy", 0, Duration.ofDays(100));
            age("jammy", 1, Duration.ofDays(50));
            age("jammy", 2, Duration.ofDays(20));
            age("jammy", 3, Duration.ofDays(60));

            Result result = shell.run("image prune --keep-last 2 --older-than P30D --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).containsPattern("version 2 .*keep \\(newer than 30d\\)")
                    .containsPattern("version 3 .*keep \\(within keep-last 2\\)");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(2, 3, 4);
        }

        @Test
        void nameGlobLimitsThePruneToMatchingImages() {
            build.image("jammy:android13:amd64", 1024, 1024);
            build.image("jammy:android14:amd64", 1024, 1024);
            build.image("focal:android12:amd64", 1024, 1024);
            build.vmImage("jammy:android13:amd64", 1024, 1024);

            Result result = shell.run("image prune --keep-last 1 --name 'jammy:android13*' --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("jammy:android13:amd64:\n", "jammy:android13:amd64 (vm):\n")
                    .doesNotContain("android14").doesNotContain("focal");
            assertThat(rows.versionsOf("jammy:android13:amd64", ImageType.CONTAINER)).containsExactly(1);
            assertThat(rows.versionsOf("jammy:android13:amd64", ImageType.VM)).containsExactly(1);
            assertThat(rows.versionsOf("jammy:android14:amd64", ImageType.CONTAINER)).containsExactly(0, 1);
            assertThat(rows.versionsOf("focal:android12:amd64", ImageType.CONTAINER)).containsExactly(0, 1);
        }

        @Test
        void aNameGlobTreatsUnderscoreAndPercentLiterally() {
            build.image("a_b", 1024, 1024);
            build.image("axb", 1024, 1024);

            shell.run("image prune --keep-last 1 --name a_b --yes");

            assertThat(rows.versionsOf("a_b", ImageType.CONTAINER)).containsExactly(1);
            assertThat(rows.versionsOf("axb", ImageType.CONTAINER)).containsExactly(0, 1);
        }
    }

    @Nested
    class DryRun {

        @Test
        void printsThePlanAndChangesNothingEvenWithYes() {
            build.image("jammy", 1024, 1024, 1024);
            String before = catalog.snapshot();
            int events = catalog.count("AUDIT_EVENT");

            Result dry = shell.run("image prune --keep-last 1 --dry-run");
            Result dryWithYes = shell.run("image prune --keep-last 1 --dry-run --yes");
            Result dryOnATerminal = shell.runAnswering("image prune --keep-last 1 --dry-run", "y");

            for (Result result : List.of(dry, dryWithYes, dryOnATerminal)) {
                assertThat(result.exitCode()).as(result.err()).isZero();
                assertThat(result.out()).contains("would reclaim 2.0 KiB in 2 versions").endsWith("dry run: nothing removed\n");
            }
            assertThat(catalog.snapshot()).isEqualTo(before);
            assertThat(catalog.count("AUDIT_EVENT")).isEqualTo(events);
        }
    }

    @Nested
    class Confirmation {

        @Test
        void withoutATerminalAndWithoutYesItIsRefusedAndAudited() {
            build.image("jammy", 1024, 1024);
            String before = catalog.snapshot();

            Result result = shell.run("image prune --keep-last 1");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("error: nothing removed: pruning needs confirmation and there is no"
                    + " terminal to ask; add --yes\n");
            assertThat(catalog.snapshot()).isEqualTo(before);
            AuditRow event = rows.lastAuditEvent();
            assertThat(event.outcome()).isEqualTo("refused");
            assertThat(event.commandText()).isEqualTo("image prune --keep-last 1");
            assertThat(event.detail()).contains("not confirmed").contains("add --yes");
        }

        @Test
        void onATerminalItAsksAndAppliesOnYes() {
            build.image("jammy", 1024, 1024);
            List<String> questions = new ArrayList<>();

            Result result = shell.runAnswering("image prune --keep-last 1", question -> {
                questions.add(question);
                return Optional.of("");
            });

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(questions).containsExactly("Do you want to continue? [Y/n]: ");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(1);
        }

        @Test
        void onATerminalAnswerNoRemovesNothingAndIsAudited() {
            build.image("jammy", 1024, 1024);
            String before = catalog.snapshot();

            Result result = shell.runAnswering("image prune --keep-last 1", "n");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).endsWith("nothing removed\n");
            assertThat(catalog.snapshot()).isEqualTo(before);
            assertThat(rows.lastAuditEvent().outcome()).isEqualTo("refused");
            assertThat(rows.lastAuditEvent().detail()).contains("not confirmed");
        }

        @Test
        void yesAppliesThePlanInOneTransactionWithOneAuditEvent() {
            build.image("jammy", 1024, 2048, 4096);
            build.vmImage("focal", 512, 512);
            int events = catalog.count("AUDIT_EVENT");

            Result result = shell.run("image prune --keep-last 1 --yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(catalog.count("AUDIT_EVENT")).isEqualTo(events + 1);
            AuditRow event = rows.lastAuditEvent();
            assertThat(event.outcome()).isEqualTo("done");
            assertThat(event.detail()).isEqualTo("removed focal (vm): version 0 (512 B)\n"
                    + "removed jammy: versions 0, 1 (3.0 KiB)\n"
                    + "pruned 3 versions, 3.5 KiB");
        }
    }

    @Nested
    class PlanThenApply {

        @Test
        void aNewVersionAddedWhileAskingRemovesNothingAndSaysWhatChanged() {
            build.image("jammy", 1024, 1024);

            Result result = shell.runAnswering("image prune --keep-last 1", question -> {
                assertThat(shell.run("image update jammy " + CatalogFixture.imageFile(1024)).exitCode()).isZero();
                return Optional.of("y");
            });

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).isEqualTo("error: nothing removed: the catalog changed since the plan was shown:"
                    + " the versions of jammy changed\n");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(0, 1, 2);
            assertThat(rows.lastAuditEvent().outcome()).isEqualTo("refused");
            assertThat(rows.lastAuditEvent().detail()).contains("the versions of jammy changed");
        }

        @Test
        void aPlannedVersionDeletedWhileAskingRemovesNothing() {
            build.image("jammy", 1024, 1024, 1024);
            build.image("focal", 1024, 1024);

            Result result = shell.runAnswering("image prune --keep-last 1", question -> {
                assertThat(shell.run("image delete jammy --version 0 --yes").exitCode()).isZero();
                return Optional.of("y");
            });

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("the versions of jammy changed");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(1, 2);
            assertThat(rows.versionsOf("focal", ImageType.CONTAINER)).containsExactly(0, 1);
        }

        @Test
        void anImageThatGainsOldVersionsWhileAskingRemovesNothingAndIsNamed() {
            build.image("jammy", 1024, 1024);

            Result result = shell.runAnswering("image prune --keep-last 1", question -> {
                shell.run("image add newcomer " + CatalogFixture.imageFile(1024));
                shell.run("image update newcomer " + CatalogFixture.imageFile(1024));
                return Optional.of("y");
            });

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("newcomer now has old versions too");
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(0, 1);
        }

        @Test
        void anApplicationCreatedWhileAskingPinsOnlyWhatThePlanKeepsSoThePlanApplies() {
            build.image("jammy", 1024, 1024);

            Result result = shell.runAnswering("image prune --keep-last 1", question -> {
                assertThat(shell.run("application create shop --image jammy").exitCode()).isZero();
                return Optional.of("y");
            });

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(1);
            assertThat(rows.applicationVersionsOf("shop")).containsExactly(0);
        }
    }

    @Nested
    class UsageErrors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "image prune | image prune needs --keep-last N or --older-than DURATION (or both)",
                "image prune --keep-last 0 | --keep-last must be 1 or more",
                "image prune --keep-last many | --keep-last takes a whole number",
                "image prune --older-than soon | --older-than takes a duration such as 30d",
                "image prune --older-than 3y --keep-last 2 | --older-than takes a duration"})
        void badCriteriaAreAUsageErrorAndChangeNothing(String line, String message) {
            build.image("jammy", 1024, 1024);
            String before = catalog.snapshot();

            Result result = shell.run(line + " --yes");

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).startsWith("error: " + message).hasLineCount(1);
            assertThat(catalog.snapshot()).isEqualTo(before);
        }
    }

    /** Sets a version's creation time back by {@code age}. */
    private void age(String image, int version, Duration age) {
        int updated = catalog.jdbc().update("""
                UPDATE IMAGE_VERSION SET CREATED_AT = ?
                WHERE VERSION = ? AND IMAGE_ID = (SELECT ID FROM IMAGE WHERE NAME = ? AND TYPE = 'container')""",
                Timestamp.from(Instant.now().minus(age)), version, image);
        assertThat(updated).isEqualTo(1);
    }
}
