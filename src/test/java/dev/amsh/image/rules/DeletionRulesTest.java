package dev.amsh.image.rules;

import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.ImageFacts.Pin;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeletionRulesTest {

    private static final long GIB = 1L << 30;

    // --- fact builder: a mutable, non-default, unused container image "foo" with versions 0, 1, 2 ---

    private static final class Image {
        private final String name;
        private ImageType type = ImageType.CONTAINER;
        private boolean immutable;
        private boolean isDefault;
        private List<VersionFacts> versions = sized(0, 1, 2);
        private long otherImagesOfType = 3;
        private List<String> defaultCandidates = List.of("bar", "baz", "qux");
        private final List<Pin> pins = new ArrayList<>();

        private Image(String name) {
            this.name = name;
        }

        Image vm() {
            type = ImageType.VM;
            return this;
        }

        Image immutable() {
            immutable = true;
            return this;
        }

        Image versions(int... numbers) {
            versions = sized(numbers);
            return this;
        }

        Image defaultImage() {
            isDefault = true;
            return this;
        }

        Image otherImagesOfType(long count, String... candidates) {
            otherImagesOfType = count;
            defaultCandidates = List.of(candidates);
            return this;
        }

        Image pinnedBy(String application, int applicationVersion, int imageVersion) {
            pins.add(new Pin(application, applicationVersion, imageVersion));
            return this;
        }

        ImageFacts facts() {
            return new ImageFacts("c0ffee00000000000001", name, type, immutable, isDefault, versions,
                    otherImagesOfType, defaultCandidates, pins);
        }

        /** Version n is (n + 1) GiB, so sizes tell versions apart. */
        private static List<VersionFacts> sized(int... numbers) {
            return Arrays.stream(numbers).mapToObj(n -> new VersionFacts(n, (n + 1) * GIB)).toList();
        }
    }

    private static Image image() {
        return new Image("foo");
    }

    private static DeletionDecision deleteWhole(Image image) {
        return DeletionRules.decide(DeletionFacts.of(DeletionRequest.wholeImage("foo", false), image.facts()));
    }

    private static DeletionDecision forceDeleteWhole(Image image) {
        return DeletionRules.decide(DeletionFacts.of(DeletionRequest.wholeImage("foo", true), image.facts()));
    }

    private static DeletionDecision deleteVersion(Image image, int version) {
        return DeletionRules.decide(DeletionFacts.of(DeletionRequest.version("foo", version, false), image.facts()));
    }

    private static DeletionDecision forceDeleteVersion(Image image, int version) {
        return DeletionRules.decide(DeletionFacts.of(DeletionRequest.version("foo", version, true), image.facts()));
    }

    private static List<Rule> rules(DeletionDecision decision) {
        return decision.refusals().stream().map(Refusal::rule).toList();
    }

    private static Refusal refusal(DeletionDecision decision, Rule rule) {
        return decision.refusals().stream().filter(r -> r.rule() == rule).findFirst()
                .orElseThrow(() -> new AssertionError("not refused by " + rule + ": " + decision));
    }

    /**
     * A bounded list, {@code a, b, c and 7 more}: exactly the first {@code shown} of {@code all}, in
     * order, and a count of all the others.
     */
    private static void assertListsTheFirstAndCountsTheRest(String list, List<String> all, int shown) {
        String more = " and " + (all.size() - shown) + " more";
        assertThat(list).as("a list of %d of %d", shown, all.size()).endsWith(more);
        assertThat(list.substring(0, list.length() - more.length())).isEqualTo(String.join(", ", all.subList(0, shown)));
    }

    @Test
    void anUnprotectedImageIsRemovedWholeWithAllItsVersions() {
        DeletionDecision decision = deleteWhole(image());

        assertThat(decision.allowed()).isTrue();
        Removal removal = decision.removal().orElseThrow();
        assertThat(removal.imageName()).isEqualTo("foo");
        assertThat(removal.imageId()).isEqualTo("c0ffee00000000000001");
        assertThat(removal.type()).isEqualTo(ImageType.CONTAINER);
        assertThat(removal.wholeImage()).isTrue();
        assertThat(removal.versionNumbers()).containsExactly(0, 1, 2);
        assertThat(removal.totalSize()).isEqualTo(6 * GIB);
        assertThat(removal.clearsDefault()).isFalse();
    }

    @Test
    void anUnpinnedVersionIsRemovedAlone() {
        Removal removal = deleteVersion(image(), 1).removal().orElseThrow();

        assertThat(removal.wholeImage()).isFalse();
        assertThat(removal.versions()).containsExactly(new VersionFacts(1, 2 * GIB));
        assertThat(removal.clearsDefault()).isFalse();
    }

    @Nested
    class D1Unknown {

        @Test
        void anUnknownImageIsRefusedWithSimilarNamesSuggested() {
            DeletionFacts facts = DeletionFacts.unknown(DeletionRequest.wholeImage("fooo", false), List.of("foo", "food"));

            DeletionDecision decision = DeletionRules.decide(facts);

            assertThat(rules(decision)).containsExactly(Rule.D1_UNKNOWN);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("image 'fooo' not found");
            assertThat(refusal.remedy()).isEqualTo("did you mean: foo, food?");
        }

        @Test
        void anUnknownImageWithNothingSimilarPointsToTheList() {
            DeletionFacts facts = DeletionFacts.unknown(DeletionRequest.wholeImage("zzz", true), List.of());

            Refusal refusal = DeletionRules.decide(facts).refusals().get(0);

            assertThat(refusal.remedy()).isEqualTo("see 'image list'");
            assertThat(refusal.describe()).isEqualTo("D1 unknown: image 'zzz' not found; see 'image list'");
        }

        @Test
        void aHugeReferenceStaysOneShortLineAndSuggestionsAreBounded() {
            List<String> similar = IntStream.range(0, 8).mapToObj(i -> "foo" + i).toList();
            DeletionFacts facts = DeletionFacts.unknown(DeletionRequest.wholeImage("x".repeat(5000) + "\n", false), similar);

            Refusal refusal = DeletionRules.decide(facts).refusals().get(0);

            assertThat(refusal.reason()).hasSizeLessThan(100).contains("(5001 characters)").doesNotContain("\n");
            // One readable line: the five closest names, then how many more there are.
            assertThat(refusal.remedy()).startsWith("did you mean: ").endsWith("?");
            assertListsTheFirstAndCountsTheRest(refusal.remedy().substring("did you mean: ".length(),
                    refusal.remedy().length() - 1), similar, 5);
        }

        @Test
        void anUnknownVersionIsRefusedListingTheVersionsThereAre() {
            DeletionDecision decision = deleteVersion(image().versions(0, 2), 1);

            assertThat(rules(decision)).containsExactly(Rule.D1_UNKNOWN);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("image foo has no version 1 (versions: 0, 2)");
            assertThat(refusal.remedy()).isEqualTo("see 'image show foo'");
        }

        @Test
        void anUnknownVersionHidesEveryOtherRule() {
            Image everythingProtected = image().immutable().versions(4).defaultImage().pinnedBy("app1", 0, 4);

            assertThat(rules(forceDeleteVersion(everythingProtected, 7))).containsExactly(Rule.D1_UNKNOWN);
        }

        @Test
        void aKnownImageAndVersionAreNotRefusedByD1() {
            assertThat(deleteVersion(image(), 2).allowed()).isTrue();
            assertThat(deleteWhole(image()).allowed()).isTrue();
        }
    }

    @Nested
    class D2Immutable {

        @Test
        void anImmutableImageIsRefusedWithoutForce() {
            DeletionDecision decision = deleteWhole(image().immutable());

            assertThat(rules(decision)).containsExactly(Rule.D2_IMMUTABLE);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("foo is synchronized from the image server");
            assertThat(refusal.remedy()).isEqualTo("add --force to delete it anyway");
        }

        @Test
        void anImmutableImageIsRemovedWithForce() {
            Removal removal = forceDeleteWhole(image().immutable()).removal().orElseThrow();

            assertThat(removal.versionNumbers()).containsExactly(0, 1, 2);
        }

        @Test
        void aMutableImageNeedsNoForce() {
            assertThat(deleteWhole(image()).allowed()).isTrue();
        }
    }

    @Nested
    class D3ImmutableVersion {

        @Test
        void aVersionOfAnImmutableImageIsRefused() {
            DeletionDecision decision = deleteVersion(image().immutable(), 1);

            assertThat(rules(decision)).containsExactly(Rule.D3_IMMUTABLE_VERSION);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("versions of immutable images cannot be deleted");
            assertThat(refusal.remedy())
                    .isEqualTo("the whole image can be deleted, with --force (image delete foo --force)");
        }

        @Test
        void aVersionOfAMutableImageIsNotRefusedByD3() {
            assertThat(deleteVersion(image(), 1).allowed()).isTrue();
        }

        @Test
        void theRemedyCommandSelectsTheVmVariant() {
            Refusal refusal = refusal(deleteVersion(image().vm().immutable(), 1), Rule.D3_IMMUTABLE_VERSION);

            assertThat(refusal.remedy()).endsWith("(image delete foo --vm --force)");
        }
    }

    @Nested
    class D4LastVersion {

        @Test
        void theOnlyVersionIsRefused() {
            DeletionDecision decision = deleteVersion(image().versions(3), 3);

            assertThat(rules(decision)).containsExactly(Rule.D4_LAST_VERSION);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("version 3 is the only version of foo; one version must remain");
            assertThat(refusal.remedy()).isEqualTo("delete the whole image instead (image delete foo)");
        }

        @Test
        void oneOfTwoVersionsMayGo() {
            Removal removal = deleteVersion(image().versions(3, 5), 5).removal().orElseThrow();

            assertThat(removal.versionNumbers()).containsExactly(5);
        }

        @Test
        void aWholeImageWithOneVersionMayGo() {
            assertThat(deleteWhole(image().versions(3)).allowed()).isTrue();
        }
    }

    @Nested
    class D5Default {

        @Test
        void theDefaultIsRefusedWhileAnotherImageOfItsTypeExistsNamingCandidates() {
            Image defaultAmongTen = image().defaultImage().otherImagesOfType(10, "bar", "baz", "qux");

            DeletionDecision decision = deleteWhole(defaultAmongTen);

            assertThat(rules(decision)).containsExactly(Rule.D5_DEFAULT);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("foo is the default container image");
            // Three candidates named, and how many other images of the type there are besides.
            assertThat(refusal.remedy()).isEqualTo("make another container image the default first: image switch bar"
                    + " (candidates: bar, baz, qux and " + (10 - 3) + " more)");
        }

        @Test
        void pastWhatTheServiceCountsTheRemedySaysOver() {
            Image defaultAmongMany = image().defaultImage()
                    .otherImagesOfType(ImageFacts.COUNTED_UP_TO + 1, "bar", "baz", "qux", "quux", "corge");

            Refusal refusal = refusal(deleteWhole(defaultAmongMany), Rule.D5_DEFAULT);

            // The service stops counting at COUNTED_UP_TO: "over" that many, less the three named.
            assertThat(refusal.remedy())
                    .endsWith("(candidates: bar, baz, qux and over " + (ImageFacts.COUNTED_UP_TO - 3) + " more)");
        }

        @Test
        void aVmDefaultIsSwitchedWithTheVmFlag() {
            Refusal refusal = refusal(deleteWhole(image().vm().defaultImage().otherImagesOfType(1, "bar")), Rule.D5_DEFAULT);

            assertThat(refusal.reason()).isEqualTo("foo is the default vm image");
            assertThat(refusal.remedy())
                    .isEqualTo("make another vm image the default first: image switch bar --vm (candidates: bar)");
        }

        @Test
        void aNonDefaultImageIsNotRefusedByD5() {
            assertThat(deleteWhole(image().otherImagesOfType(10, "bar")).allowed()).isTrue();
        }

        @Test
        void aVersionOfTheDefaultImageMayGo() {
            assertThat(deleteVersion(image().defaultImage(), 0).allowed()).isTrue();
        }
    }

    @Nested
    class D6SoleDefault {

        @Test
        void theSoleImageOfItsTypeMayGoAndLeavesTheTypeWithoutADefault() {
            DeletionDecision decision = deleteWhole(image().defaultImage().otherImagesOfType(0));

            assertThat(decision.allowed()).isTrue();
            assertThat(decision.removal().orElseThrow().clearsDefault()).isTrue();
        }

        @Test
        void aSoleNonDefaultImageClearsNoDefault() {
            assertThat(deleteWhole(image().otherImagesOfType(0)).removal().orElseThrow().clearsDefault()).isFalse();
        }

        @Test
        void aVersionOfTheSoleDefaultClearsNoDefault() {
            Removal removal = deleteVersion(image().defaultImage().otherImagesOfType(0), 1).removal().orElseThrow();

            assertThat(removal.clearsDefault()).isFalse();
        }
    }

    @Nested
    class D7InUse {

        @Test
        void anImageReferencedByApplicationsIsRefusedListingThemWithTheirVersions() {
            Image used = image().pinnedBy("app2", 1, 2).pinnedBy("app1", 2, 1).pinnedBy("app1", 0, 0);

            DeletionDecision decision = deleteWhole(used);

            assertThat(rules(decision)).containsExactly(Rule.D7_IN_USE);
            Refusal refusal = decision.refusals().get(0);
            assertThat(refusal.reason()).isEqualTo("foo is in use by app1 (versions 0, 2), app2 (version 1)");
            assertThat(refusal.remedy())
                    .isEqualTo("delete them first (application delete app1, application delete app2)");
        }

        @Test
        void aPinnedVersionIsRefusedNamingOnlyTheApplicationsPinningIt() {
            Image used = image().pinnedBy("app1", 0, 1).pinnedBy("app2", 0, 2);

            Refusal refusal = refusal(deleteVersion(used, 1), Rule.D7_IN_USE);

            assertThat(refusal.reason()).isEqualTo("version 1 of foo is pinned by app1 (version 0)");
            assertThat(refusal.remedy()).isEqualTo("delete it first (application delete app1)");
        }

        @Test
        void aVersionNoApplicationPinsMayGoEvenWhileTheImageIsInUse() {
            Image used = image().pinnedBy("app1", 0, 1).pinnedBy("app2", 0, 2);

            assertThat(deleteVersion(used, 0).removal().orElseThrow().versionNumbers()).containsExactly(0);
        }

        @Test
        void manyApplicationsAreListedBounded() {
            Image used = image();
            IntStream.range(0, 25).forEach(i -> used.pinnedBy(String.format("app%02d", i), 0, 0));

            Refusal refusal = refusal(deleteWhole(used), Rule.D7_IN_USE);

            // One readable line: the first ten applications by name, then how many more pin it.
            List<String> applications = IntStream.range(0, 25).mapToObj(i -> String.format("app%02d", i)).toList();
            assertThat(refusal.reason()).startsWith("foo is in use by ");
            assertListsTheFirstAndCountsTheRest(refusal.reason().substring("foo is in use by ".length()),
                    applications.stream().map(name -> name + " (version 0)").toList(), 10);
            assertThat(refusal.remedy()).startsWith("delete them first (").endsWith(")");
            assertListsTheFirstAndCountsTheRest(refusal.remedy().substring("delete them first (".length(),
                    refusal.remedy().length() - 1), applications.stream().map(name -> "application delete " + name)
                    .toList(), 10);
        }
    }

    @Nested
    class D8ForceScope {

        @Test
        void forceOverridesD2() {
            assertThat(forceDeleteWhole(image().immutable()).allowed()).isTrue();
        }

        @Test
        void forceDoesNotOverrideD3() {
            DeletionDecision decision = forceDeleteVersion(image().immutable(), 1);

            assertThat(rules(decision)).containsExactly(Rule.D3_IMMUTABLE_VERSION);
            assertThat(decision.refusals().get(0).remedy()).endsWith("(--force does not override this)");
        }

        @Test
        void forceDoesNotOverrideD4() {
            DeletionDecision decision = forceDeleteVersion(image().versions(0), 0);

            assertThat(rules(decision)).containsExactly(Rule.D4_LAST_VERSION);
            assertThat(decision.refusals().get(0).remedy()).isEqualTo(
                    "delete the whole image instead (image delete foo) (--force does not override this)");
        }

        @Test
        void forceDoesNotOverrideD5() {
            DeletionDecision decision = forceDeleteWhole(image().defaultImage());

            assertThat(rules(decision)).containsExactly(Rule.D5_DEFAULT);
            assertThat(decision.refusals().get(0).remedy()).endsWith("(--force does not override this)");
        }

        @Test
        void forceDoesNotOverrideD7() {
            DeletionDecision decision = forceDeleteWhole(image().pinnedBy("app1", 0, 0));

            assertThat(rules(decision)).containsExactly(Rule.D7_IN_USE);
            assertThat(decision.refusals().get(0).remedy()).endsWith("(--force does not override this)");
        }

        @Test
        void withoutForceNoRefusalMentionsIt() {
            DeletionDecision decision = deleteWhole(image().pinnedBy("app1", 0, 0));

            assertThat(decision.refusals().get(0).remedy()).doesNotContain("does not override");
        }

        @Test
        void noRefusalIsEverMadeInD8sOwnName() {
            Image everything = image().immutable().defaultImage().pinnedBy("app1", 0, 0);

            assertThat(rules(forceDeleteWhole(everything))).doesNotContain(Rule.D8_FORCE_SCOPE);
        }
    }

    @Nested
    class SeveralRulesAtOnce {

        @Test
        void anImmutableDefaultInUseImageWithoutForceNamesD2D5AndD7() {
            Image everything = image().immutable().defaultImage().pinnedBy("app1", 0, 2);

            DeletionDecision decision = deleteWhole(everything);

            assertThat(rules(decision)).containsExactly(Rule.D2_IMMUTABLE, Rule.D5_DEFAULT, Rule.D7_IN_USE);
            assertThat(decision.refusals()).extracting(Refusal::describe).containsExactly(
                    "D2 immutable: foo is synchronized from the image server; add --force to delete it anyway",
                    "D5 default: foo is the default container image; make another container image the default first: "
                            + "image switch bar (candidates: bar, baz, qux)",
                    "D7 in use: foo is in use by app1 (version 0); delete it first (application delete app1)");
        }

        @Test
        void theSameImageWithForceStillNamesD5AndD7() {
            Image everything = image().immutable().defaultImage().pinnedBy("app1", 0, 2);

            DeletionDecision decision = forceDeleteWhole(everything);

            assertThat(rules(decision)).containsExactly(Rule.D5_DEFAULT, Rule.D7_IN_USE);
            assertThat(decision.refusals()).allSatisfy(r -> assertThat(r.remedy()).endsWith("(--force does not override this)"));
        }

        @Test
        void theOnlyVersionOfAnImmutableImageNamesD3AndD4() {
            assertThat(rules(deleteVersion(image().immutable().versions(0), 0)))
                    .containsExactly(Rule.D3_IMMUTABLE_VERSION, Rule.D4_LAST_VERSION);
        }

        @Test
        void thePinnedOnlyVersionNamesD4AndD7() {
            assertThat(rules(deleteVersion(image().versions(0).pinnedBy("app1", 0, 0), 0)))
                    .containsExactly(Rule.D4_LAST_VERSION, Rule.D7_IN_USE);
        }
    }

    @Nested
    class VersionMarksForCompletion {

        @Test
        void aDeletableVersionHasNoMark() {
            assertThat(DeletionRules.versionRefusals(image().facts(), 1)).isEmpty();
            assertThat(DeletionRules.versionMark(image().facts(), 1)).isEmpty();
        }

        @Test
        void aPinnedVersionIsMarkedWithItsApplications() {
            ImageFacts used = image().pinnedBy("app2", 0, 1).pinnedBy("app1", 3, 1).pinnedBy("app3", 0, 2).facts();

            assertThat(DeletionRules.versionMark(used, 1)).contains("in use by app1, app2");
        }

        @Test
        void theOnlyVersionOfAnImmutableImageCarriesEveryMark() {
            ImageFacts image = image().immutable().versions(0).pinnedBy("app1", 0, 0).facts();

            assertThat(DeletionRules.versionRefusals(image, 0)).extracting(Refusal::rule)
                    .containsExactly(Rule.D3_IMMUTABLE_VERSION, Rule.D4_LAST_VERSION, Rule.D7_IN_USE);
            assertThat(DeletionRules.versionMark(image, 0)).contains("immutable; only version; in use by app1");
        }

        @Test
        void manyPinningApplicationsKeepTheMarkShort() {
            Image used = image();
            IntStream.range(1, 6).forEach(i -> used.pinnedBy("app" + i, 0, 2));

            // Shorter than a refusal: three applications, then how many more.
            String mark = DeletionRules.versionMark(used.facts(), 2).orElseThrow();
            assertThat(mark).startsWith("in use by ");
            assertListsTheFirstAndCountsTheRest(mark.substring("in use by ".length()),
                    IntStream.range(1, 6).mapToObj(i -> "app" + i).toList(), 3);
        }
    }
}
