package dev.amsh.image.prune;

import dev.amsh.image.prune.PrunePlan.ImagePlan;
import dev.amsh.image.prune.PrunePlan.VersionPlan;
import dev.amsh.image.rules.DeletionRules;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.image.rules.ImageFacts.VersionFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides a prune, as plain Java: prune's own policy picks the old versions (never the newest;
 * beyond {@code --keep-last}; older than {@code --older-than}), and every version it would remove
 * is then put to the deletion rules, so a version that D3, D4 or D7 protects is kept with the
 * rule's reason. The rules stay the one place that says what may be deleted.
 */
public final class PrunePlanner {

    private PrunePlanner() {
    }

    /**
     * @param image     the image's facts, as for a deletion
     * @param createdAt when each of its versions was created
     */
    public static ImagePlan plan(ImageFacts image, Map<Integer, Instant> createdAt, PruneCriteria criteria) {
        List<VersionFacts> newestFirst = image.versions().stream()
                .sorted(Comparator.comparingInt(VersionFacts::version).reversed()).toList();
        List<VersionFacts> remaining = new ArrayList<>(image.versions());
        List<VersionPlan> plans = new ArrayList<>();
        for (int rank = 0; rank < newestFirst.size(); rank++) {
            VersionFacts version = newestFirst.get(rank);
            Optional<String> keep = policyKeeps(rank, createdAt.get(version.version()), criteria);
            if (keep.isEmpty()) {
                ImageFacts asPlanned = withVersions(image, remaining);
                keep = DeletionRules.versionMark(asPlanned, version.version());
            }
            if (keep.isEmpty()) {
                remaining.remove(version);
            }
            plans.add(new VersionPlan(version.version(), version.size(), keep.isEmpty(), keep.orElse("")));
        }
        plans.sort(Comparator.comparingInt(VersionPlan::version));
        return new ImagePlan(image.id(), image.name(), image.type(), plans);
    }

    private static Optional<String> policyKeeps(int rank, Instant created, PruneCriteria criteria) {
        if (rank == 0) {
            return Optional.of("newest");
        }
        if (criteria.keepLast().isPresent() && rank < criteria.keepLast().getAsInt()) {
            return Optional.of("within keep-last " + criteria.keepLast().getAsInt());
        }
        Optional<Instant> cutoff = criteria.cutoff();
        if (cutoff.isPresent() && created != null && !created.isBefore(cutoff.get())) {
            return Optional.of("newer than " + Durations.format(criteria.olderThan().orElseThrow()));
        }
        return Optional.empty();
    }

    /** The image as it would be after the removals planned so far, so D4 sees what would remain. */
    private static ImageFacts withVersions(ImageFacts image, List<VersionFacts> versions) {
        return new ImageFacts(image.id(), image.name(), image.type(), image.immutable(), image.isDefault(),
                versions.stream().sorted(Comparator.comparingInt(VersionFacts::version)).toList(),
                image.otherImagesOfType(), image.defaultCandidates(), image.pins());
    }
}
