package dev.amsh.replay;

import dev.amsh.command.CommandLineExecutor;
import dev.amsh.command.Interruption;
import dev.amsh.command.Invocation;
import dev.amsh.shell.GlobalOptions;
import dev.amsh.support.CatalogBuilder;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import dev.amsh.support.ShellHarness.Result;
import dev.amsh.support.TestCatalog;
import dev.amsh.vocabulary.Actor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code script FILE} through the real executor, parser, commands and catalog: each mode (default,
 * {@code --continue-on-error}, {@code --atomic}, {@code --dry-run}), confirmation, the echo, the
 * summary and the audit trail of a run.
 */
@TestCatalog
class ScriptReplayTest {

    /** Every container image here is added after this one, which stays the default (D5 protects it). */
    private static final String DEFAULT_IMAGE = "base";

    @Autowired
    ShellHarness shell;

    @Autowired
    CatalogFixture catalog;

    @TempDir
    Path scripts;

    CatalogBuilder build;

    /** One audit event as stored, with its origin. */
    record AuditEntry(long id, String origin, String outcome, String command, String detail) {
    }

    @BeforeEach
    void catalogWithADefaultImage() {
        catalog.reset();
        build = new CatalogBuilder(shell, catalog);
        build.image(DEFAULT_IMAGE, 1024);
    }

    @Nested
    class StopAtFirstFailure {

        @Test
        void stopsAtTheFirstRefusedLineNamesItAndAppliesOnlyTheLinesBefore() throws IOException {
            build.image("a", 1024);
            build.image("c", 1024);
            Path file = script("cleanup.amsh",
                    "image delete a --yes",
                    "image delete missing --yes",
                    "image delete c --yes");

            Result result = replay(file);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("D1 unknown: image 'missing' not found")
                    .contains("error: stopped at " + file + ":2; 1 line not run");
            assertThat(result.out()).contains(file + ":1> image delete a --yes", file + ":2> image delete missing --yes")
                    .doesNotContain(file + ":3>")
                    .contains("2 of 3 lines run: 1 done, 1 refused, 0 failed");
            assertThat(imageNames()).containsExactly("base", "c");
        }

        @Test
        void aFailedLineStopsTheRunLikeARefusedOneWithTheFailureExitCode() throws IOException {
            build.image("a", 1024);
            Path missingIndex = scripts.resolve("no-such-index.json");
            shell.run("image server set " + missingIndex + " --no-check");
            Path file = script("failing.amsh",
                    "image server sync",
                    "image delete a --yes");

            Result result = replay(file);

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.err()).contains("error: cannot read " + missingIndex + ": no such file")
                    .contains("error: stopped at " + file + ":1; 1 line not run");
            assertThat(result.out()).contains("1 of 2 lines run: 0 done, 0 refused, 1 failed");
            assertThat(imageNames()).containsExactly("a", "base");
        }

        @Test
        void aLineTheCatalogsStateRefusesStopsTheRunWithTheRefusalExitCode() throws IOException {
            build.image("a", 1024);
            Path file = script("taken.amsh",
                    "image add a " + CatalogFixture.imageFile(512),
                    "image delete a --yes");

            Result result = replay(file);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("error: image a already exists")
                    .contains("error: stopped at " + file + ":1; 1 line not run");
            assertThat(result.out()).contains("1 of 2 lines run: 0 done, 1 refused, 0 failed");
            assertThat(imageNames()).containsExactly("a", "base");
        }

        @Test
        void aLineTheParserCannotReadStopsTheRunWithTheUsageExitCode() throws IOException {
            build.image("a", 1024);
            Path file = script("typo.amsh", "image frobnicate a", "image delete a --yes");

            Result result = replay(file);

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("error: unknown command 'image frobnicate'")
                    .contains("stopped at " + file + ":1");
            assertThat(imageNames()).containsExactly("a", "base");
        }
    }

    @Nested
    class ContinueOnError {

        @Test
        void runsEveryLineAndNamesEachFailureByFileAndLine() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            build.image("c", 1024);
            Path file = script("sweep.amsh",
                    "image delete a --yes",
                    "image delete missing --yes",
                    "# a comment between",
                    "image delete b --yes",
                    "image frobnicate",
                    "image add c " + CatalogFixture.imageFile(512),
                    "image delete c --yes");

            Result result = replay(file, "--continue-on-error");

            assertThat(result.exitCode()).as("the worst line decides: a line not understood").isEqualTo(2);
            assertThat(result.err()).contains("error: failed or refused: " + file + ":2, " + file + ":5, " + file + ":6")
                    .doesNotContain("stopped at");
            assertThat(result.out()).contains(file + ":7> image delete c --yes")
                    .contains("6 of 6 lines run: 3 done, 2 refused, 1 failed; removed 3 images, 3 versions (3.0 KiB)");
            assertThat(imageNames()).containsExactly("base");
        }

        @Test
        void exitsZeroWhenEveryLineSucceeds() throws IOException {
            build.image("a", 1024);
            Path file = script("clean.amsh", "image delete a --yes", "image list");

            Result result = replay(file, "--continue-on-error");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.err()).isEmpty();
        }
    }

    @Nested
    class Atomic {

        @Test
        void aRunWhoseTenthLineIsRefusedAppliesNothing() throws IOException {
            List<String> lines = new ArrayList<>();
            for (int i = 1; i <= 12; i++) {
                build.image("img-" + i, 1024, 2048);
                lines.add(i == 10 ? "image delete " + DEFAULT_IMAGE + " --yes" : "image delete img-" + i + " --yes");
            }
            Path file = script("atomic.amsh", lines.toArray(String[]::new));
            String before = catalog.snapshot();
            List<AuditEntry> auditBefore = auditTrail();

            Result result = replay(file, "--atomic");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("D5 default").contains("error: stopped at " + file + ":10; 2 lines not run");
            assertThat(result.out()).contains(file + ":9> image delete img-9 --yes", "removed img-9: versions 0, 1")
                    .contains("atomic run rolled back (nothing applied): 10 of 12 lines run: 9 done, 1 refused, 0 failed");
            assertThat(catalog.snapshot()).isEqualTo(before);
            List<AuditEntry> added = eventsAfter(auditBefore);
            assertThat(added).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo("failed");
                assertThat(event.command()).isEqualTo("script " + file + " --atomic");
                assertThat(event.detail()).startsWith("atomic run of " + file + ": nothing applied, stopped at "
                        + file + ":10\n")
                        .contains("failed or refused: " + file + ":10> image delete base --yes");
            });
        }

        @Test
        void withContinueOnErrorItReportsEveryFailureAndStillAppliesNothing() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            Path file = script("atomic-sweep.amsh",
                    "image delete a --yes",
                    "image delete missing --yes",
                    "image delete b --yes",
                    "image delete b --yes");
            String before = catalog.snapshot();

            Result result = replay(file, "--atomic --continue-on-error");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("error: failed or refused: " + file + ":2, " + file + ":4");
            assertThat(result.out()).contains("atomic run rolled back (nothing applied): 4 of 4 lines run: 2 done,"
                    + " 2 refused, 0 failed");
            assertThat(catalog.snapshot()).isEqualTo(before);
        }

        @Test
        void aRunWhoseLinesAllSucceedCommitsThemAllWithAnEventPerLine() throws IOException {
            build.image("a", 1024, 2048);
            build.image("b", 1024);
            Path file = script("atomic-ok.amsh",
                    "image delete a --version 0 --yes",
                    "application create shop --image a",
                    "image delete b --yes");
            List<AuditEntry> auditBefore = auditTrail();

            Result result = replay(file, "--atomic");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("3 of 3 lines run: 3 done, 0 refused, 0 failed")
                    .doesNotContain("rolled back");
            assertThat(imageNames()).containsExactly("a", "base");
            assertThat(catalog.count("APPLICATION")).isEqualTo(1);
            assertThat(eventsAfter(auditBefore)).extracting(AuditEntry::origin, AuditEntry::outcome)
                    .containsExactly(
                            tuple("script " + file + ":1", "done"),
                            tuple("script " + file + ":2", "done"),
                            tuple("script " + file + ":3", "done"));
        }

        @Test
        void aFailedLineInALargeRunIsReportedAtOnceAndRecordedByTheRun() throws IOException {
            build.image("a", 1024);
            List<String> lines = new ArrayList<>();
            IntStream.range(0, 120).forEach(i -> lines.add(i % 2 == 0 ? "image switch a" : "image switch base"));
            lines.add("application create shop --image missing");
            Path file = script("large.amsh", lines.toArray(String[]::new));
            List<AuditEntry> auditBefore = auditTrail();
            // Derby turns a transaction's row locks on a table into a table lock beyond this many (5000 by
            // default): a large run then holds the audit log's table until it ends.
            catalog.jdbc().update("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.escalationThreshold', '100')");
            Result result;
            try {
                result = replay(file, "--atomic");
            }
            finally {
                catalog.jdbc().update("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.escalationThreshold', NULL)");
            }

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("error: image 'missing' not found").doesNotContain("warning");
            assertThat(eventsAfter(auditBefore)).singleElement().satisfies(event -> assertThat(event.detail())
                    .contains("failed or refused: " + file + ":121> application create shop --image missing"));
        }
    }

    @Nested
    class DryRun {

        @Test
        void aFileThatAddsSwitchesDeletesAndCreatesApplicationsChangesNothing() throws IOException {
            build.image("old", 1024, 2048, 4096);
            build.image("spare", 1024);
            build.application("legacy", "spare");
            Path file = script("plan.amsh",
                    "image add fresh " + CatalogFixture.imageFile(3000),
                    "image update old " + CatalogFixture.imageFile(5000),
                    "image switch fresh",
                    "image delete old --version 0 --yes",
                    "application create shop --image fresh",
                    "application update shop --image old",
                    "application delete legacy --yes",
                    "image delete spare --yes",
                    "image delete base --yes",
                    "image add --type vm vm-one " + CatalogFixture.imageFile(100));
            String tablesBefore = allRows();
            String imagesBefore = shell.run("image list --format json").out();
            String applicationsBefore = shell.run("application list --format json").out();
            List<AuditEntry> auditBefore = auditTrail();

            Result result = replay(file, "--dry-run");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("would remove old: version 0 (1.0 KiB)",
                            "would remove spare: version 0 (1.0 KiB)", "would remove application legacy: version 0",
                            "would remove base: version 0 (1.0 KiB)")
                    .doesNotContainPattern("(?m)^removed ")
                    .contains("dry run (nothing changed): 10 of 10 lines run: 10 done, 0 refused, 0 failed;"
                            + " would remove 2 images, 3 versions (3.0 KiB)");
            assertThat(allRows()).isEqualTo(tablesBefore);
            assertThat(shell.run("image list --format json").out()).isEqualTo(imagesBefore);
            assertThat(shell.run("application list --format json").out()).isEqualTo(applicationsBefore);
            assertThat(auditTrail().subList(0, auditBefore.size())).isEqualTo(auditBefore);
            assertThat(eventsAfter(auditBefore)).singleElement().satisfies(event -> {
                assertThat(event.outcome()).isEqualTo("done");
                assertThat(event.command()).isEqualTo("script " + file + " --dry-run");
                assertThat(event.detail()).startsWith("dry run of " + file + ": nothing changed\n");
            });
        }

        @Test
        void eachLineSeesTheLinesBeforeIt() throws IOException {
            Path file = script("see-before.amsh",
                    "image add brand-new " + CatalogFixture.imageFile(1000),
                    "image update brand-new " + CatalogFixture.imageFile(2000),
                    "image delete brand-new --version 0 --yes",
                    "application create pinning --image brand-new",
                    "image delete brand-new --yes");
            String before = allRows();

            Result result = replay(file, "--dry-run --continue-on-error");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.out()).contains("would remove brand-new: version 0 (1000 B)")
                    .doesNotContainPattern("(?m)^removed ")
                    .contains("dry run (nothing changed): 5 of 5 lines run: 4 done, 1 refused, 0 failed");
            assertThat(result.err()).contains("D7 in use: brand-new is in use by pinning (version 0)")
                    .contains("error: failed or refused: " + file + ":5");
            assertThat(allRows()).isEqualTo(before);
        }

        @Test
        void aPruneOrTheLastImageOfItsTypeSpeaksConditionallyToo() throws IOException {
            build.image("old", 1024, 2048, 4096);
            build.vmImage("lonely-vm", 512);
            Path file = script("plan-prune.amsh",
                    "image prune --keep-last 1 --name old --yes",
                    "image delete lonely-vm --vm --yes");
            String before = allRows();

            Result result = replay(file, "--dry-run");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("would prune 2 versions, reclaiming 3.0 KiB")
                    .contains("would remove lonely-vm (vm): version 0 (512 B)")
                    .contains("there would be no default vm image")
                    .doesNotContainPattern("(?m)^(removed|pruned|there is now) ");
            assertThat(allRows()).isEqualTo(before);
        }

        @Test
        void aFailedLineInADryRunIsRecordedByTheDryRunsEventAndChangesNothing() throws IOException {
            build.image("a", 1024);
            shell.run("image server set " + scripts.resolve("no-such-index.json") + " --no-check");
            Path file = script("dry-failing.amsh",
                    "image delete a --yes",
                    "image server sync");
            String before = allRows();
            List<AuditEntry> auditBefore = auditTrail();

            Result result = replay(file, "--dry-run");

            assertThat(result.exitCode()).isEqualTo(3);
            assertThat(result.out()).contains("dry run (nothing changed): 2 of 2 lines run: 1 done, 0 refused, 1 failed");
            assertThat(allRows()).isEqualTo(before);
            assertThat(eventsAfter(auditBefore)).singleElement().satisfies(event -> assertThat(event.detail())
                    .startsWith("dry run of " + file + ": nothing changed\n")
                    .contains("failed or refused: " + file + ":2> image server sync"));
        }

        @Test
        void aFailureOutweighsARefusalWhateverTheirOrder() throws IOException {
            build.image("a", 1024);
            shell.run("image server set " + scripts.resolve("no-such-index.json") + " --no-check");
            Path failureFirst = script("failure-first.amsh", "image server sync", "image delete missing --yes");
            Path refusalFirst = script("refusal-first.amsh", "image delete missing --yes", "image server sync");
            Path refusalsOnly = script("refusals.amsh", "image delete missing --yes", "image delete a --yes",
                    "image delete a --yes");

            assertThat(replay(failureFirst, "--continue-on-error").exitCode()).isEqualTo(3);
            assertThat(replay(refusalFirst, "--continue-on-error").exitCode()).isEqualTo(3);
            Result refused = replay(refusalsOnly, "--continue-on-error");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).contains("3 of 3 lines run: 1 done, 2 refused, 0 failed");
        }
    }

    @Nested
    class Confirmation {

        @Test
        void aDestructiveLineWithoutYesIsRefusedAndNobodyIsAsked() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            build.application("shop", "b");
            Path file = script("unconfirmed.amsh", "application delete shop", "image delete a");
            List<String> questions = new ArrayList<>();

            Result result = shell.runAnswering("script " + file + " --continue-on-error", question -> {
                questions.add(question);
                return Optional.of("y");
            });

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(questions).isEmpty();
            assertThat(result.err()).contains("deleting application shop (version 0) needs confirmation and a script"
                    + " never asks; add --yes to the line, or run the script with --yes")
                    .contains("nothing removed: a needs confirmation").doesNotContain("terminal");
            assertThat(result.out()).contains("2 of 2 lines run: 0 done, 2 refused, 0 failed");
            assertThat(imageNames()).containsExactly("a", "b", "base");
            assertThat(catalog.count("APPLICATION")).isEqualTo(1);
        }

        @Test
        void yesForTheRunConfirmsEveryLine() throws IOException {
            build.image("a", 1024);
            build.application("shop", "a");
            Path file = script("confirmed.amsh", "application delete shop", "image delete a");

            Result result = replay(file, "--yes");

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(imageNames()).containsExactly("base");
            assertThat(catalog.count("APPLICATION")).isZero();
        }

        @Test
        void yesOnALineConfirmsThatLineOnly() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            Path file = script("one-confirmed.amsh", "image delete a -y", "image delete b");

            Result result = replay(file);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("stopped at " + file + ":2");
            assertThat(imageNames()).containsExactly("b", "base");
        }
    }

    @Nested
    class Lines {

        @Test
        void commentsContinuationsBlankLinesCrlfAndTheAmcPrefixReplayAsTyped() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024, 2048);
            Path file = scripts.resolve("windows.amsh");
            Files.writeString(file, "# cleanup\r\n\r\namc image delete a --yes\r\nimage delete b \\\r\n"
                    + "    --version 0 \\\r\n    --yes\r\n   \r\namc   application create shop --image b\r\n");

            Result result = replay(file);

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains(file + ":3> amc image delete a --yes")
                    .contains(file + ":4> image delete b --version 0 --yes")
                    .contains(file + ":8> amc   application create shop --image b")
                    .contains("3 of 3 lines run: 3 done");
            assertThat(imageNames()).containsExactly("b", "base");
            assertThat(auditTrailOf(file)).extracting(AuditEntry::origin)
                    .containsExactly("script " + file + ":3", "script " + file + ":4", "script " + file + ":8");
        }

        @Test
        void everyLinesAuditEventNamesItsFileAndLineAndItsText() throws IOException {
            build.image("a", 1024);
            Path file = script("audited.amsh",
                    "# first a refusal",
                    "image delete a --version 0 --yes",
                    "image delete a --yes");

            replay(file, "--continue-on-error");

            assertThat(auditTrailOf(file)).extracting(AuditEntry::origin, AuditEntry::outcome, AuditEntry::command)
                    .containsExactly(
                            tuple("script " + file + ":2", "refused",
                                    "image delete a --version 0 --yes"),
                            tuple("script " + file + ":3", "done",
                                    "image delete a --yes"));
        }

        @Test
        void aLineThatRunsAScriptIsRefused() throws IOException {
            Path inner = script("inner.amsh", "image delete base --yes");
            Path file = script("outer.amsh", "script " + inner, "amc @" + inner, "@" + inner);

            Result result = replay(file, "--continue-on-error");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("error: a script cannot run another script")
                    .contains("failed or refused: " + file + ":1, " + file + ":2, " + file + ":3");
            assertThat(imageNames()).containsExactly("base");
        }

        @Test
        void anEmptyScriptRunsNothingAndSucceeds() throws IOException {
            Path file = script("empty.amsh", "# nothing yet");

            Result result = replay(file);

            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("0 of 0 lines run: 0 done, 0 refused, 0 failed");
        }
    }

    @Nested
    class UnreadableScripts {

        @Test
        void aMissingFileIsAUsageErrorAndRunsNothing() {
            Path missing = scripts.resolve("missing.amsh");
            List<AuditEntry> before = auditTrail();

            Result result = replay(missing);

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("error: cannot read script " + missing + ": no such file\n");
            assertThat(result.out()).isEmpty();
            assertThat(auditTrail()).isEqualTo(before);
        }

        @Test
        void aBinaryFileIsAUsageErrorAndRunsNoneOfItsLines() throws IOException {
            Path binary = scripts.resolve("image.amsh");
            Files.write(binary, ("image delete base --yes\n").getBytes(StandardCharsets.UTF_8));
            Files.write(binary, new byte[] {0, 1, 2, 3}, StandardOpenOption.APPEND);

            Result result = replay(binary);

            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err()).contains("looks binary");
            assertThat(imageNames()).containsExactly("base");
        }
    }

    @Nested
    class Summary {

        @Test
        void countsOfOneAreSingular() throws IOException {
            build.image("only", 1024);
            Path file = script("one.amsh", "image delete only --yes");

            Result result = replay(file);

            assertThat(result.out()).containsPattern("1 of 1 line run: 1 done, 0 refused, 0 failed; removed 1 image,"
                    + " 1 version \\(1\\.0 KiB\\); [0-9.]+ s, [0-9.]+ (lines/s|s/line)");
        }

        @Test
        void countsLinesRemovalsAndTheirSizeAndTheRate() throws IOException {
            build.image("a", 1024, 2048);
            build.image("b", 4096);
            build.image("c", 1024, 1024, 1024);
            Path file = script("summary.amsh",
                    "image delete a --yes",
                    "image delete c --version 1 --yes",
                    "image delete b --yes",
                    "image show c");

            Result result = replay(file);

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out().lines().reduce((first, second) -> second).orElseThrow())
                    .matches("4 of 4 lines run: 4 done, 0 refused, 0 failed; removed 2 images, 4 versions \\(8\\.0 KiB\\);"
                            + " [0-9]+\\.[0-9] s, [0-9.]+ (lines/s|s/line)");
        }

        @Test
        void onATerminalALongRunDrawsAProgressBarAndRedirectedItDoesNot() throws IOException {
            String[] lines = IntStream.rangeClosed(1, ScriptRunner.PROGRESS_MIN_LINES)
                    .mapToObj(i -> "image list --name img-" + i).toArray(String[]::new);
            Path file = script("long.amsh", lines);

            Result onTerminal = shell.runAnswering("script " + file);
            Result redirected = replay(file);

            int total = ScriptRunner.PROGRESS_MIN_LINES;
            assertThat(onTerminal.err()).contains("] 100% (" + total + "/" + total + " lines)").endsWith("\r\033[K");
            assertThat(onTerminal.err()).as("drawn while the first line runs, not only once it is done")
                    .contains("] 0% (0/" + total + " lines)");
            assertThat(redirected.err()).isEmpty();
            assertThat(redirected.out()).doesNotContain("\r");
        }
    }

    @Nested
    class Interrupted {

        @Autowired
        CommandLineExecutor executor;

        @Autowired
        Interruption interruption;

        @AfterEach
        void forgetTheInterruption() {
            interruption.clear();
        }

        @Test
        void ctrlCStopsAfterTheLineInProgressWhichStandsAndExitsWith130() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            build.image("c", 1024);
            Path file = script("long-cleanup.amsh", "image delete a --yes", "image delete b --yes",
                    "image delete c --yes");

            Result result = replayPressingCtrlCDuring(file + ":2>", "script " + file);

            assertThat(result.exitCode()).isEqualTo(130);
            assertThat(result.err()).isEqualTo("error: interrupted at " + file + ":2; 1 line not run\n");
            assertThat(result.out()).contains("removed b: version 0 (1.0 KiB)").doesNotContain(file + ":3>")
                    .contains("interrupted at " + file + ":2: 2 of 3 lines run: 2 done, 0 refused, 0 failed;"
                            + " removed 2 images, 2 versions (2.0 KiB)");
            assertThat(imageNames()).containsExactly("base", "c");
        }

        @Test
        void ctrlCInAnAtomicRunAppliesNothing() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            Path file = script("atomic-cleanup.amsh", "image delete a --yes", "image delete b --yes");
            String before = catalog.snapshot();

            Result result = replayPressingCtrlCDuring(file + ":1>", "script " + file + " --atomic");

            assertThat(result.exitCode()).isEqualTo(130);
            assertThat(result.out()).contains("interrupted at " + file + ":1: atomic run rolled back (nothing applied):"
                    + " 1 of 2 lines run");
            assertThat(result.screen()).doesNotContain("Exception").doesNotContain("internal error");
            assertThat(catalog.snapshot()).isEqualTo(before);
        }

        @Test
        void ctrlCInADryRunReportsNoLostTransaction() throws IOException {
            build.image("a", 1024);
            build.image("b", 1024);
            Path file = script("dry-cleanup.amsh", "image delete a --yes", "image delete b --yes");
            String before = allRows();

            Result result = replayPressingCtrlCDuring(file + ":1>", "script " + file + " --dry-run");

            assertThat(result.exitCode()).isEqualTo(130);
            assertThat(result.err()).isEqualTo("error: interrupted at " + file + ":1; 1 line not run\n");
            assertThat(result.out()).contains("would remove a: version 0 (1.0 KiB)")
                    .contains("interrupted at " + file + ":1: dry run (nothing changed): 1 of 2 lines run")
                    .doesNotContain("lost");
            assertThat(allRows()).isEqualTo(before);
        }

        /** Runs the script as the REPL does, with Ctrl-C pressed when the output shows {@code echo}. */
        private Result replayPressingCtrlCDuring(String echo, String line) {
            StringWriter out = new StringWriter() {
                @Override
                public void write(String text, int offset, int length) {
                    super.write(text, offset, length);
                    if (toString().contains(echo)) {
                        interruption.request();
                    }
                }
            };
            StringWriter err = new StringWriter();
            int code = executor.execute(line, new PrintWriter(out, true),
                    Invocation.unattended(Actor.of("test", line), new PrintWriter(err, true))).code();
            return new Result(code, out.toString(), err.toString());
        }
    }

    @Nested
    class Invoking {

        @Test
        void atFileIsShortForScriptFile() {
            GlobalOptions options = GlobalOptions.parse("--catalog", "/tmp/c", "@cleanup.amsh", "--dry-run");

            assertThat(options.commandWords()).containsExactly("script", "cleanup.amsh", "--dry-run");
            assertThat(GlobalOptions.parse("@").commandWords()).containsExactly("@");
        }

        @Test
        void theWordsOfAOneShotCommandRunTheScript() throws IOException {
            build.image("a", 1024);
            Path file = script("one-shot.amsh", "image delete a --yes");

            Result result = shell.runWords(GlobalOptions.parse("@" + file, "--yes").commandWords());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(imageNames()).containsExactly("base");
        }

        @Test
        void aDashReadsTheScriptFromStandardInput() {
            build.image("a", 1024);
            InputStream original = System.in;
            Result result;
            try {
                System.setIn(new ByteArrayInputStream("image delete a --yes\n".getBytes(StandardCharsets.UTF_8)));
                result = shell.run("script -");
            }
            finally {
                System.setIn(original);
            }

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("-:1> image delete a --yes");
            assertThat(imageNames()).containsExactly("base");
            assertThat(catalog.jdbc().queryForObject("SELECT ORIGIN FROM AUDIT_EVENT ORDER BY ID DESC"
                    + " FETCH FIRST 1 ROWS ONLY", String.class)).isEqualTo("script -:1");
        }
    }

    private Path script(String name, String... lines) throws IOException {
        Path file = scripts.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private Result replay(Path file) {
        return shell.run("script " + file);
    }

    private Result replay(Path file, String options) {
        return shell.run("script " + file + " " + options);
    }

    private List<String> imageNames() {
        return catalog.jdbc().queryForList("SELECT NAME FROM IMAGE ORDER BY NAME", String.class);
    }

    /** Every row of every table but the audit log, the image type counters included. */
    private String allRows() {
        return catalog.snapshot() + catalog.jdbc().queryForList("SELECT * FROM IMAGE_TYPE ORDER BY TYPE");
    }

    private List<AuditEntry> auditTrail() {
        return catalog.jdbc().query("SELECT ID, ORIGIN, OUTCOME, COMMAND_TEXT, DETAIL FROM AUDIT_EVENT ORDER BY ID",
                (rs, n) -> new AuditEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
    }

    private List<AuditEntry> auditTrailOf(Path file) {
        return auditTrail().stream().filter(event -> event.origin().startsWith("script " + file + ":")).toList();
    }

    private List<AuditEntry> eventsAfter(List<AuditEntry> before) {
        List<AuditEntry> now = auditTrail();
        assertThat(now.subList(0, before.size())).as("the earlier audit events stay as they were").isEqualTo(before);
        return now.subList(before.size(), now.size());
    }
}
