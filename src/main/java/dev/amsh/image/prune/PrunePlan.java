package dev.amsh.image.prune;

import dev.amsh.image.model.ImageType;

import java.util.List;

/**
 * What a prune removes and keeps, per image, each version with its reason.
 */
public record PrunePlan(List<ImagePlan> images) {

    public PrunePlan {
        images = List.copyOf(images);
    }

    public record ImagePlan(String imageId, String name, ImageType type, List<VersionPlan> versions) {

        public ImagePlan {
            versions = List.copyOf(versions);
        }

        /** {@code foo} or {@code foo (vm)}. */
        public String displayName() {
            return type.displayName(name);
        }

        public List<VersionPlan> removed() {
            return versions.stream().filter(VersionPlan::remove).toList();
        }
    }

    /** {@code keepReason} is empty for a version that is removed. */
    public record VersionPlan(int version, long size, boolean remove, String keepReason) {
    }

    public long removedVersions() {
        return images.stream().mapToLong(i -> i.removed().size()).sum();
    }

    public long reclaimedBytes() {
        return images.stream().flatMap(i -> i.removed().stream()).mapToLong(VersionPlan::size).sum();
    }

    public boolean removesNothing() {
        return removedVersions() == 0;
    }
}
