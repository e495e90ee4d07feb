package dev.amsh.image.prune;

import dev.amsh.image.model.ImageType;
import dev.amsh.image.prune.PrunePlan.ImagePlan;
import dev.amsh.image.prune.PrunePlan.VersionPlan;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.image.rules.ImageFacts.Pin;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import dev.amsh.vocabulary.InvalidValueException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prune's plan for one image, as plain Java: its own policy first, then the deletion rules for each version it would remove. */
class PrunePlannerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Nested
    class KeepLast {

        @Test
        void removesEveryVersionBeyondTheNewestN() {
            ImagePlan plan = PrunePlanner.plan(image(5, false, List.of()), agedDays(5, 4, 3, 2, 1), keepLast(2));

            assertThat(plan.versions()).containsExactly(
                    removed(0), removed(1), removed(2),
                    kept(3, "within keep-last 2"),
                    kept(4, "newest"));
        }

        @Test
        void keepLastOneKeepsOnlyTheNewest() {
            ImagePlan plan = PrunePlanner.plan(image(3, false, List.of()), agedDays(3, 2, 1), keepLast(1));

            assertThat(plan.removed()).extracting(VersionPlan::version).containsExactly(0, 1);
            assertThat(plan.versions()).last().isEqualTo(kept(2, "newest"));
        }

        @Test
        void anImageWithNoMoreVersionsThanKeptLosesNothing() {
            ImagePlan plan = PrunePlanner.plan(image(2, false, List.of()), agedDays(2, 1), keepLast(5));

            assertThat(plan.removed()).isEmpty();
            assertThat(plan.versions()).containsExactly(kept(0, "within keep-last 5"), kept(1, "newest"));
        }

        @Test
        void keepLastCountsTheVersionsThatRemainNotTheirNumbers() {
            ImageFacts gappy = facts("gappy", false, List.of(new VersionFacts(2, 100), new VersionFacts(7, 100),
                    new VersionFacts(9, 100)), List.of());
            Map<Integer, Instant> created = Map.of(2, NOW, 7, NOW, 9, NOW);

            ImagePlan plan = PrunePlanner.plan(gappy, created, keepLast(2));

            assertThat(plan.versions()).containsExactly(removed(2), kept(7, "within keep-last 2"), kept(9, "newest"));
        }
    }

    @Nested
    class OlderThan {

        @Test
        void removesOnlyVersionsCreatedBeforeTheCutoffAndNeverTheNewest() {
            ImagePlan plan = PrunePlanner.plan(image(4, false, List.of()), agedDays(100, 40, 10, 90),
                    olderThan(Duration.ofDays(30)));

            assertThat(plan.versions()).containsExactly(
                    removed(0), removed(1),
                    kept(2, "newer than 30d"),
                    kept(3, "newest"));
        }

        @Test
        void aVersionCreatedExactlyAtTheCutoffIsKept() {
            Map<Integer, Instant> created = Map.of(0, NOW.minus(Duration.ofDays(30)), 1, NOW);

            ImagePlan plan = PrunePlanner.plan(image(2, false, List.of()), created, olderThan(Duration.ofDays(30)));

            assertThat(plan.versions()).containsExactly(kept(0, "newer than 30d"), kept(1, "newest"));
        }
    }

    @Nested
    class BothCriteria {

        @Test
        void aVersionIsRemovedOnlyWhenBeyondKeepLastAndOlderThanTheCutoff() {
            ImagePlan plan = PrunePlanner.plan(image(5, false, List.of()), agedDays(100, 50, 20, 60, 1),
                    new PruneCriteria(OptionalInt.of(2), Optional.of(Duration.ofDays(30)), NOW));

            assertThat(plan.versions()).containsExactly(
                    removed(0), removed(1),
                    kept(2, "newer than 30d"),
                    kept(3, "within keep-last 2"),
                    kept(4, "newest"));
        }
    }

    @Nested
    class Protections {

        @Test
        void theNewestVersionIsAlwaysKept() {
            ImagePlan plan = PrunePlanner.plan(image(1, false, List.of()), agedDays(400),
                    new PruneCriteria(OptionalInt.of(1), Optional.of(Duration.ofDays(1)), NOW));

            assertThat(plan.versions()).containsExactly(kept(0, "newest"));
        }

        @Test
        void aPinnedVersionIsKeptNamingTheApplicationsThatPinIt() {
            List<Pin> pins = List.of(new Pin("shop", 0, 1), new Pin("arcade", 3, 1), new Pin("shop", 1, 3));

            ImagePlan plan = PrunePlanner.plan(image(4, false, pins), agedDays(9, 8, 7, 6), keepLast(1));

            assertThat(plan.versions()).containsExactly(
                    removed(0),
                    kept(1, "in use by arcade, shop"),
                    removed(2),
                    kept(3, "newest"));
        }

        @Test
        void nothingOfAnImmutableImageIsRemoved() {
            ImagePlan plan = PrunePlanner.plan(image(3, true, List.of()), agedDays(90, 80, 70), keepLast(1));

            assertThat(plan.removed()).isEmpty();
            assertThat(plan.versions()).containsExactly(kept(0, "immutable"), kept(1, "immutable"), kept(2, "newest"));
        }

        @Test
        void aPinnedVersionOfAnImmutableImageGivesBothReasons() {
            ImagePlan plan = PrunePlanner.plan(image(2, true, List.of(new Pin("shop", 0, 0))), agedDays(9, 8),
                    keepLast(1));

            assertThat(plan.versions()).containsExactly(kept(0, "immutable; in use by shop"), kept(1, "newest"));
        }

        @Test
        void theImagesDefaultStatusDoesNotProtectItsOldVersions() {
            ImageFacts defaultImage = new ImageFacts("id-default", "base", ImageType.CONTAINER, false, true,
                    versions(3), 4, List.of("other"), List.of());

            ImagePlan plan = PrunePlanner.plan(defaultImage, agedDays(3, 2, 1), keepLast(1));

            assertThat(plan.removed()).extracting(VersionPlan::version).containsExactly(0, 1);
        }
    }

    @Nested
    class Plans {

        @Test
        void carriesTheImageAndEachVersionsSizeAndTotalsTheRemovals() {
            ImageFacts sized = facts("sized", false, List.of(new VersionFacts(0, 1000), new VersionFacts(1, 2000),
                    new VersionFacts(2, 4000)), List.of());
            ImagePlan image = PrunePlanner.plan(sized, agedDays(3, 2, 1), keepLast(1));
            PrunePlan plan = new PrunePlan(List.of(image));

            assertThat(image.imageId()).isEqualTo("id-sized");
            assertThat(image.name()).isEqualTo("sized");
            assertThat(image.versions()).extracting(VersionPlan::size).containsExactly(1000L, 2000L, 4000L);
            assertThat(plan.removedVersions()).isEqualTo(2);
            assertThat(plan.reclaimedBytes()).isEqualTo(3000);
            assertThat(plan.removesNothing()).isFalse();
            assertThat(new PrunePlan(List.of(PrunePlanner.plan(sized, agedDays(3, 2, 1), keepLast(3))))
                    .removesNothing()).isTrue();
        }

        @Test
        void criteriaNeedKeepLastOrOlderThan() {
            assertThatThrownBy(() -> new PruneCriteria(OptionalInt.empty(), Optional.empty(), NOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class OlderThanValues {

        @ParameterizedTest
        @CsvSource({"90m, PT90M", "12h, PT12H", "30d, PT720H", "2w, PT336H", "P30D, PT720H", "PT36H, PT36H", "0d, PT0S"})
        void parsesShortFormsAndIso8601(String text, Duration expected) {
            assertThat(Durations.parse(text)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"30", "30 d", "-3d", "3y", "yesterday", "", "P-1D", "3M", "3D", "99999999999999999999d",
                "999999999999999999w", "1000000w", "P99999999999D"})
        void refusesAnythingElse(String text) {
            assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("--older-than");
        }

        @ParameterizedTest
        @CsvSource({"45s, PT45S", "999999w, PT167999832H"})
        void takesSpringsOtherUnitsUpToTheLongest(String text, Duration expected) {
            assertThat(Durations.parse(text)).isEqualTo(expected).isLessThanOrEqualTo(Durations.LONGEST);
        }

        @Test
        void saysWhyATooLongDurationIsRefused() {
            assertThatThrownBy(() -> Durations.parse("1000000w")).hasMessage("--older-than must be at most 999999w");
            assertThatThrownBy(() -> Durations.parse("3M")).hasMessage(
                    "--older-than takes a duration such as 30d, 12h, 90m, 2w or P30D, not '3M'");
        }

        @ParameterizedTest
        @CsvSource({"PT90M, 90m", "PT36H, 36h", "P3D, 3d", "P14D, 2w"})
        void formatsAsOperatorsWriteIt(Duration duration, String expected) {
            assertThat(Durations.format(duration)).isEqualTo(expected);
        }
    }

    private static PruneCriteria keepLast(int n) {
        return new PruneCriteria(OptionalInt.of(n), Optional.empty(), NOW);
    }

    private static PruneCriteria olderThan(Duration age) {
        return new PruneCriteria(OptionalInt.empty(), Optional.of(age), NOW);
    }

    /** A mutable or immutable container image named "img" with versions 0 to {@code count - 1}, 100 bytes each. */
    private static ImageFacts image(int count, boolean immutable, List<Pin> pins) {
        return facts("img", immutable, versions(count), pins);
    }

    private static ImageFacts facts(String name, boolean immutable, List<VersionFacts> versions, List<Pin> pins) {
        return new ImageFacts("id-" + name, name, ImageType.CONTAINER, immutable, false, versions, 2,
                List.of("other"), pins);
    }

    private static List<VersionFacts> versions(int count) {
        return IntStream.range(0, count).mapToObj(v -> new VersionFacts(v, 100)).toList();
    }

    /** Version {@code i} created {@code daysAgo[i]} days before now. */
    private static Map<Integer, Instant> agedDays(int... daysAgo) {
        Map<Integer, Instant> created = new HashMap<>();
        for (int version = 0; version < daysAgo.length; version++) {
            created.put(version, NOW.minus(Duration.ofDays(daysAgo[version])));
        }
        return created;
    }

    private static VersionPlan removed(int version) {
        return new VersionPlan(version, 100, true, "");
    }

    private static VersionPlan kept(int version, String reason) {
        return new VersionPlan(version, 100, false, reason);
    }
}
