package dev.amsh.image;

import dev.amsh.application.ApplicationService;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Removal;
import dev.amsh.image.rules.Rule;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows.AuditRow;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.CatalogSteps;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.ChangeOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static dev.amsh.image.rules.DeletionRequest.version;
import static dev.amsh.image.rules.DeletionRequest.wholeImage;
import static dev.amsh.support.CatalogSteps.actor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deletion rules D1-D8 and the confirmation step, through {@link ImageService} on the real
 * catalog: each rule both refusing and letting a deletion through, what is left in the catalog,
 * and the audit event every attempt leaves, on each database a catalog can live in.
 */
@ParameterizedClass
// Sessions here are threads on the services, as the service's clients are: the served backend adds nothing.
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
class ImageServiceDeletionTest {

    private static final boolean FORCE = true;
    private static final boolean NO_FORCE = false;

    @Parameter
    CatalogBackend backend;

    ImageService images;
    ApplicationService applications;
    CatalogFixture catalog;

    CatalogSteps given;
    CatalogRows rows;

    @BeforeEach
    void emptyCatalog() {
        images = backend.bean(ImageService.class);
        applications = backend.bean(ApplicationService.class);
        catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        given = new CatalogSteps(images, applications);
        rows = new CatalogRows(catalog);
    }

    /**
     * A removal's event goes to the database with the removal itself (on PostgreSQL, in its round trip):
     * every column as any event has it, a process or none, the time to the microsecond.
     */
    @Test
    void aRemovalIsAuditedWithItsActorAndTimeAsEveryEventIs() {
        given.container("the-default");
        given.containerWithVersions("jammy", 1);
        given.containerWithVersions("focal", 1);

        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        images.delete(wholeImage("jammy", NO_FORCE), Optional.empty(), actor("image delete jammy"));
        images.delete(wholeImage("focal", NO_FORCE), Optional.empty(),
                new Actor("someone", OptionalLong.empty(), "a script, line 2", "image delete focal"));
        Instant after = Instant.now();

        List<Map<String, Object>> events = catalog.jdbc().queryForList("""
                SELECT OUTCOME, OS_USER, OS_PID, ORIGIN, COMMAND_TEXT, OCCURRED_AT FROM AUDIT_EVENT
                WHERE COMMAND_TEXT LIKE 'image delete %' ORDER BY ID""");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).containsEntry("OUTCOME", "done").containsEntry("OS_USER", actor("").user())
                .containsEntry("OS_PID", ProcessHandle.current().pid()).containsEntry("ORIGIN", "test")
                .containsEntry("COMMAND_TEXT", "image delete jammy");
        assertThat(events.get(1)).containsEntry("OS_USER", "someone").containsEntry("OS_PID", null)
                .containsEntry("ORIGIN", "a script, line 2");
        for (Map<String, Object> event : events) {
            Instant at = ((Timestamp) event.get("OCCURRED_AT")).toInstant();
            assertThat(at).isBetween(before, after).isEqualTo(at.truncatedTo(ChronoUnit.MICROS));
        }
    }

    @Nested
    class D1Unknown {

        @Test
        void refusesAnUnknownImageAndSuggestsCloseNames() {
            given.container("jammy");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(wholeImage("jamy", NO_FORCE), Rule.D1_UNKNOWN);

            assertThat(outcome.refusals().get(0).remedy()).contains("jammy");
        }

        @Test
        void refusesAVersionTheImageDoesNotHave() {
            given.containerWithVersions("jammy", 1);

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(version("jammy", 5, NO_FORCE), Rule.D1_UNKNOWN);

            assertThat(outcome.refusals().get(0).reason()).contains("no version 5").contains("0, 1");
        }

        @Test
        void refusesAHugeReferenceAndStillAuditsIt() {
            given.container("jammy");

            assertRefused(wholeImage("j".repeat(5_000), NO_FORCE), Rule.D1_UNKNOWN);
        }

        @Test
        void deletesAVersionThatExists() {
            given.containerWithVersions("jammy", 1);

            assertRemoved(version("jammy", 0, NO_FORCE));

            assertThat(rows.versionsOf("jammy", ImageType.CONTAINER)).containsExactly(1);
        }

        @Test
        void vmFlagSelectsTheVmVariantOfAName() {
            given.container("foo");
            given.vm("foo");

            Removal removal = assertRemoved(new DeletionRequest("foo", OptionalInt.empty(), NO_FORCE, true));

            assertThat(removal.type()).isEqualTo(ImageType.VM);
            assertThat(rows.imageExists("foo", ImageType.VM)).isFalse();
            assertThat(rows.imageExists("foo", ImageType.CONTAINER)).isTrue();
        }
    }

    @Nested
    class D2Immutable {

        @BeforeEach
        void localDefaultAndServerImage() {
            given.container("local-default");
            rows.insertImmutable("server-image", ImageType.CONTAINER, false, 0, 1);
        }

        @Test
        void refusesAWholeDeleteWithoutForce() {
            ChangeOutcome<Removal, Refusal> outcome = assertRefused(wholeImage("server-image", NO_FORCE), Rule.D2_IMMUTABLE);

            assertThat(outcome.refusals().get(0).remedy()).contains("--force");
        }

        @Test
        void deletesTheWholeImageWithForce() {
            Removal removal = assertRemoved(wholeImage("server-image", FORCE));

            assertThat(removal.versionNumbers()).containsExactly(0, 1);
            assertThat(rows.imageExists("server-image", ImageType.CONTAINER)).isFalse();
            assertThat(rows.versionsOf("server-image", ImageType.CONTAINER)).isEmpty();
        }

        @Test
        void aLocalImageNeedsNoForce() {
            given.container("local");

            assertRemoved(wholeImage("local", NO_FORCE));

            assertThat(rows.imageExists("local", ImageType.CONTAINER)).isFalse();
        }
    }

    @Nested
    class D3ImmutableVersion {

        @Test
        void refusesAVersionDeleteOfAnImmutableImage() {
            given.container("local-default");
            rows.insertImmutable("server-image", ImageType.CONTAINER, false, 0, 1);

            assertRefused(version("server-image", 0, NO_FORCE), Rule.D3_IMMUTABLE_VERSION);
        }

        @Test
        void deletesAVersionOfALocalImage() {
            given.containerWithVersions("local", 1);

            assertRemoved(version("local", 1, NO_FORCE));

            assertThat(rows.versionsOf("local", ImageType.CONTAINER)).containsExactly(0);
        }
    }

    @Nested
    class D4LastVersion {

        @Test
        void refusesDeletingTheOnlyVersion() {
            given.container("solo");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(version("solo", 0, NO_FORCE), Rule.D4_LAST_VERSION);

            assertThat(outcome.refusals().get(0).remedy()).contains("image delete solo");
        }

        @Test
        void allowsAllButTheLastOfSeveralVersions() {
            given.containerWithVersions("pair", 1);

            assertRemoved(version("pair", 0, NO_FORCE));
            assertRefused(version("pair", 1, NO_FORCE), Rule.D4_LAST_VERSION);

            assertThat(rows.versionsOf("pair", ImageType.CONTAINER)).containsExactly(1);
        }

        @Test
        void namesEveryBlockingRuleNotOnlyTheFirst() {
            given.container("local-default");
            rows.insertImmutable("server-image", ImageType.CONTAINER, false, 0);

            assertRefused(version("server-image", 0, NO_FORCE), Rule.D3_IMMUTABLE_VERSION, Rule.D4_LAST_VERSION);
        }
    }

    @Nested
    class D5Default {

        @Test
        void refusesTheDefaultWhileAnotherImageOfItsTypeExists() {
            given.container("first");
            given.container("second");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(wholeImage("first", NO_FORCE), Rule.D5_DEFAULT);

            assertThat(outcome.refusals().get(0).remedy()).contains("image switch second");
        }

        @Test
        void deletesAnImageThatIsNotTheDefault() {
            given.container("first");
            given.container("second");

            assertRemoved(wholeImage("second", NO_FORCE));

            assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("first");
        }

        @Test
        void refusesTheVmDefaultWhileAnotherVmImageExists() {
            given.vm("first");
            given.vm("second");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(new DeletionRequest("first", OptionalInt.empty(), NO_FORCE, true),
                    Rule.D5_DEFAULT);

            assertThat(outcome.refusals().get(0).remedy()).contains("image switch second --vm");
        }

        @Test
        void imagesOfTheOtherTypeDoNotCount() {
            given.container("foo");
            given.vm("foo");

            Removal removal = assertRemoved(wholeImage("foo", NO_FORCE));

            assertThat(removal.type()).isEqualTo(ImageType.CONTAINER);
            assertThat(rows.defaultsOf(ImageType.CONTAINER)).isEmpty();
            assertThat(rows.defaultsOf(ImageType.VM)).containsExactly("foo");
        }
    }

    @Nested
    class D6SoleDefault {

        @Test
        void deletesTheSoleDefaultAndLeavesTheTypeWithoutDefault() {
            given.containerWithVersions("only", 1);

            Removal removal = assertRemoved(wholeImage("only", NO_FORCE));

            assertThat(removal.clearsDefault()).isTrue();
            assertThat(rows.defaultsOf(ImageType.CONTAINER)).isEmpty();
            assertThat(rows.lastAuditEvent().detail()).contains("there is now no default container image");
        }

        @Test
        void oldDefaultCanGoOnceAnotherImageIsTheDefault() {
            given.container("old");
            given.container("new");
            assertRefused(wholeImage("old", NO_FORCE), Rule.D5_DEFAULT);

            given.switchDefault("new");
            Removal removal = assertRemoved(wholeImage("old", NO_FORCE));

            assertThat(removal.clearsDefault()).isFalse();
            assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("new");
        }

        @Test
        void theNextImageAddedBecomesTheDefaultAgain() {
            given.container("only");
            assertRemoved(wholeImage("only", NO_FORCE));

            given.container("next");

            assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("next");
        }
    }

    @Nested
    class D7InUse {

        @BeforeEach
        void defaultImage() {
            given.container("base");
        }

        @Test
        void refusesAWholeDeleteOfAnImageInUse() {
            given.container("used");
            given.application("app", "used");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(wholeImage("used", NO_FORCE), Rule.D7_IN_USE);

            Refusal refusal = outcome.refusals().get(0);
            assertThat(refusal.reason()).contains("app (version 0)");
            assertThat(refusal.remedy()).contains("application delete app");
        }

        @Test
        void deletesAnImageWhenOnlyAnotherImageIsInUse() {
            given.container("unused");
            given.application("app", "base");
            String applicationRows = applicationRows();

            assertRemoved(wholeImage("unused", NO_FORCE));

            assertThat(applicationRows()).isEqualTo(applicationRows);
        }

        @Test
        void refusesDeletingAPinnedVersion() {
            given.containerWithVersions("img", 1);
            given.application("app", "img");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(version("img", 1, NO_FORCE), Rule.D7_IN_USE);

            assertThat(outcome.refusals().get(0).reason()).contains("version 1 of img is pinned by app");
        }

        @Test
        void deletesAVersionThatOnlyAnotherVersionIsPinnedTo() {
            given.containerWithVersions("img", 1);
            given.application("app", "img");
            String applicationRows = applicationRows();

            assertRemoved(version("img", 0, NO_FORCE));

            assertThat(rows.versionsOf("img", ImageType.CONTAINER)).containsExactly(1);
            assertThat(applicationRows()).isEqualTo(applicationRows);
        }

        @Test
        void anOlderApplicationVersionStillPinsItsImageVersion() {
            given.container("img");
            given.application("app", "img");
            given.update("img");
            given.updateApplication("app");

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(version("img", 0, NO_FORCE), Rule.D7_IN_USE);

            assertThat(outcome.refusals().get(0).reason()).contains("app (version 0)");
        }

        @Test
        void theImageCanGoOnceItsApplicationIsDeleted() {
            given.container("img");
            given.application("app", "img");
            assertRefused(wholeImage("img", NO_FORCE), Rule.D7_IN_USE);

            applications.delete("app", OptionalInt.empty(), actor("application delete app"));

            assertRemoved(wholeImage("img", NO_FORCE));
        }

        private String applicationRows() {
            return catalog.jdbc().queryForList("SELECT * FROM APPLICATION_VERSION ORDER BY APPLICATION_ID, VERSION")
                    .toString();
        }
    }

    @Nested
    class D8ForceScope {

        @Test
        void forceOverridesD2() {
            given.container("local-default");
            rows.insertImmutable("server-image", ImageType.CONTAINER, false, 0);

            assertRemoved(wholeImage("server-image", FORCE));
        }

        @Test
        void forceDoesNotOverrideD3() {
            given.container("local-default");
            rows.insertImmutable("server-image", ImageType.CONTAINER, false, 0, 1);

            ChangeOutcome<Removal, Refusal> outcome = assertRefused(version("server-image", 0, FORCE), Rule.D3_IMMUTABLE_VERSION);

            assertThat(outcome.refusals().get(0).remedy()).endsWith("(--force does not override this)");
        }

        @Test
        void forceDoesNotOverrideD4() {
            given.container("solo");

            assertRefused(version("solo", 0, FORCE), Rule.D4_LAST_VERSION);
        }

        @Test
        void forceDoesNotOverrideD5() {
            given.container("first");
            given.container("second");

            assertRefused(wholeImage("first", FORCE), Rule.D5_DEFAULT);
        }

        @Test
        void forceDoesNotOverrideD7() {
            given.container("base");
            given.container("used");
            given.application("app", "used");

            assertRefused(wholeImage("used", FORCE), Rule.D7_IN_USE);
        }

        @Test
        void forceLiftsOnlyD2FromAnImmutableDefaultInUse() {
            rows.insertImmutable("server-image", ImageType.CONTAINER, true, 0);
            given.container("local");
            given.application("app", "server-image");

            assertRefused(wholeImage("server-image", NO_FORCE), Rule.D2_IMMUTABLE, Rule.D5_DEFAULT, Rule.D7_IN_USE);
            assertRefused(wholeImage("server-image", FORCE), Rule.D5_DEFAULT, Rule.D7_IN_USE);
        }
    }

    @Nested
    class Confirmation {

        @BeforeEach
        void defaultAndTwoVersionImage() {
            given.container("base");
            given.containerWithVersions("img", 1);
        }

        @Test
        void appliesTheRemovalThatWasShown() {
            Removal shown = plan(wholeImage("img", NO_FORCE));

            ChangeOutcome<Removal, Refusal> outcome = images.delete(wholeImage("img", NO_FORCE), Optional.of(shown), actor("delete img"));

            assertThat(outcome.applied()).isTrue();
            assertThat(outcome.appliedChange()).contains(shown);
            assertThat(rows.imageExists("img", ImageType.CONTAINER)).isFalse();
            assertThat(rows.lastAuditEvent().outcome()).isEqualTo("done");
        }

        @Test
        void removesNothingWhenAVersionWasAddedMeanwhile() {
            Removal shown = plan(wholeImage("img", NO_FORCE));
            given.update("img");
            String before = catalog.snapshot();

            ChangeOutcome<Removal, Refusal> outcome = images.delete(wholeImage("img", NO_FORCE), Optional.of(shown), actor("delete img"));

            assertThat(outcome.applied()).isFalse();
            assertThat(outcome.changedSinceShown()).hasValueSatisfying(
                    changed -> assertThat(changed).contains("changed from 0, 1 to 0, 1, 2"));
            assertThat(catalog.snapshot()).isEqualTo(before);
            AuditRow event = rows.lastAuditEvent();
            assertThat(event.outcome()).isEqualTo("refused");
            assertThat(event.detail()).startsWith("nothing removed: ");
        }

        @Test
        void removesNothingWhenAnApplicationStartedUsingTheImage() {
            Removal shown = plan(wholeImage("img", NO_FORCE));
            given.application("app", "img");
            String before = catalog.snapshot();

            ChangeOutcome<Removal, Refusal> outcome = images.delete(wholeImage("img", NO_FORCE), Optional.of(shown), actor("delete img"));

            assertThat(outcome.applied()).isFalse();
            assertThat(outcome.refusals()).extracting(Refusal::rule).containsExactly(Rule.D7_IN_USE);
            assertThat(catalog.snapshot()).isEqualTo(before);
            assertThat(rows.lastAuditEvent().outcome()).isEqualTo("refused");
        }

        @Test
        void removesNothingWhenTheShownVersionWasPinnedMeanwhile() {
            Removal shown = plan(version("img", 1, NO_FORCE));
            given.application("app", "img");

            ChangeOutcome<Removal, Refusal> outcome = images.delete(version("img", 1, NO_FORCE), Optional.of(shown), actor("delete"));

            assertThat(outcome.refusals()).extracting(Refusal::rule).containsExactly(Rule.D7_IN_USE);
            assertThat(rows.versionsOf("img", ImageType.CONTAINER)).containsExactly(0, 1);
        }

        @Test
        void removesNothingWhenTheNameNowRefersToAnotherImage() {
            Removal shown = plan(wholeImage("img", NO_FORCE));
            images.delete(wholeImage("img", NO_FORCE), Optional.empty(), actor("delete img in another session"));
            given.containerWithVersions("img", 1);

            ChangeOutcome<Removal, Refusal> outcome = images.delete(wholeImage("img", NO_FORCE), Optional.of(shown), actor("delete img"));

            assertThat(outcome.changedSinceShown()).hasValueSatisfying(
                    changed -> assertThat(changed).contains("another image"));
            assertThat(rows.imageExists("img", ImageType.CONTAINER)).isTrue();
        }

        @Test
        void removesNothingWhenTheImageBecameTheSoleDefaultMeanwhile() {
            Removal shown = plan(wholeImage("img", NO_FORCE));
            given.switchDefault("img");
            images.delete(wholeImage("base", NO_FORCE), Optional.empty(), actor("delete base in another session"));

            ChangeOutcome<Removal, Refusal> outcome = images.delete(wholeImage("img", NO_FORCE), Optional.of(shown), actor("delete img"));

            assertThat(outcome.changedSinceShown()).hasValueSatisfying(
                    changed -> assertThat(changed).contains("the images of type container changed"));
            assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("img");
        }

        @Test
        void planningChangesNothingAndAuditsOnlyARefusal() {
            String before = catalog.snapshot();
            int events = rows.auditTrail().size();

            DeletionDecision allowed = images.planDelete(wholeImage("img", NO_FORCE), actor("delete img"));
            assertThat(allowed.allowed()).isTrue();
            assertThat(rows.auditTrail()).hasSize(events);

            DeletionDecision refused = images.planDelete(wholeImage("base", NO_FORCE), actor("delete base"));
            assertThat(refused.refusals()).extracting(Refusal::rule).containsExactly(Rule.D5_DEFAULT);
            assertThat(rows.auditTrail()).hasSize(events + 1);
            assertThat(rows.lastAuditEvent().outcome()).isEqualTo("refused");
            assertThat(catalog.snapshot()).isEqualTo(before);
        }

        @Test
        void decliningIsAuditedAndRemovesNothing() {
            Removal shown = plan(wholeImage("img", NO_FORCE));
            String before = catalog.snapshot();

            images.declined(actor("delete img"), shown, "the operator answered no");

            assertThat(catalog.snapshot()).isEqualTo(before);
            AuditRow event = rows.lastAuditEvent();
            assertThat(event.outcome()).isEqualTo("refused");
            assertThat(event.detail()).contains("the operator answered no").contains("img: versions 0, 1");
        }

        private Removal plan(DeletionRequest request) {
            DeletionDecision decision = images.planDelete(request, actor("plan " + request.imageRef()));
            assertThat(decision.allowed()).as("planned %s", request).isTrue();
            return decision.removal().orElseThrow();
        }
    }

    /** Refused by exactly {@code rules}: nothing changed, and the refusal audited naming each rule. */
    private ChangeOutcome<Removal, Refusal> assertRefused(DeletionRequest request, Rule... rules) {
        String before = catalog.snapshot();

        ChangeOutcome<Removal, Refusal> outcome = images.delete(request, Optional.empty(), actor("image delete " + request.imageRef()));

        assertThat(outcome.applied()).as("removed %s", request).isFalse();
        assertThat(outcome.refusals()).extracting(Refusal::rule).containsExactlyInAnyOrder(rules);
        assertThat(catalog.snapshot()).isEqualTo(before);
        AuditRow event = rows.lastAuditEvent();
        assertThat(event.outcome()).isEqualTo("refused");
        for (Rule rule : rules) {
            assertThat(event.detail()).contains(rule.code() + " " + rule.title() + ": ");
        }
        return outcome;
    }

    /** Allowed and removed, with a done audit event that says what was removed. */
    private Removal assertRemoved(DeletionRequest request) {
        ChangeOutcome<Removal, Refusal> outcome = images.delete(request, Optional.empty(), actor("image delete " + request.imageRef()));

        assertThat(outcome.refusals()).as("refusals of %s", request).isEmpty();
        assertThat(outcome.applied()).isTrue();
        Removal removal = outcome.appliedChange().orElseThrow();
        AuditRow event = rows.lastAuditEvent();
        assertThat(event.outcome()).isEqualTo("done");
        assertThat(event.commandText()).isEqualTo("image delete " + request.imageRef());
        assertThat(event.detail()).startsWith(DeletionTexts.removed(removal));
        return removal;
    }
}
