package dev.amsh.image.prune;

import dev.amsh.image.prune.PrunePlan.ImagePlan;
import dev.amsh.image.prune.PrunePlan.VersionPlan;
import dev.amsh.vocabulary.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * How a prune plan and its application read in words: the terminal prints the plan and the
 * result, and the audit log records what was removed, from the same {@link PrunePlan} value.
 */
public final class PruneTexts {

    private PruneTexts() {
    }

    /** Per image its versions, each {@code remove} or {@code keep (reason)}, then what it would reclaim. */
    public static List<String> plan(PrunePlan plan) {
        List<String> lines = new ArrayList<>();
        for (ImagePlan image : plan.images()) {
            lines.add(image.displayName() + ":");
            for (VersionPlan version : image.versions()) {
                lines.add(String.format("  version %-6d %10s  %s", version.version(), Texts.size(version.size()),
                        version.remove() ? "remove" : "keep (" + version.keepReason() + ")"));
            }
        }
        lines.add("would reclaim " + Texts.size(plan.reclaimedBytes()) + " in " + plan.removedVersions() + " versions");
        return lines;
    }

    /** {@code removed foo (vm): versions 0, 1 (2.0 KiB)}, for an image the plan removes versions of. */
    public static String removed(ImagePlan image) {
        List<VersionPlan> versions = image.removed();
        return "removed " + image.displayName() + ": " + (versions.size() == 1 ? "version " : "versions ")
                + Texts.joinNumbers(versions.stream().map(VersionPlan::version).toList()) + " ("
                + Texts.size(versions.stream().mapToLong(VersionPlan::size).sum()) + ")";
    }

    /** {@code 3 versions, 1.5 MiB}. */
    public static String totals(PrunePlan plan) {
        return plan.removedVersions() + " versions, " + Texts.size(plan.reclaimedBytes());
    }

    /** {@code pruned 3 versions, reclaimed 1.5 MiB}: the terminal's last line after applying. */
    public static String pruned(PrunePlan plan) {
        return "pruned " + plan.removedVersions() + " versions, reclaimed " + Texts.size(plan.reclaimedBytes());
    }

    /** {@code would prune 3 versions, reclaiming 1.5 MiB}: the same line inside a script's dry run. */
    public static String wouldPrune(PrunePlan plan) {
        return "would prune " + plan.removedVersions() + " versions, reclaiming " + Texts.size(plan.reclaimedBytes());
    }
}
