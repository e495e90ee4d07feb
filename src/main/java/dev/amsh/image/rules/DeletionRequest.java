package dev.amsh.image.rules;

import java.util.OptionalInt;

/**
 * What the operator asked to delete: {@code image delete <imageRef> [--version N] [--force] [--vm]}.
 *
 * @param imageRef the id or name as typed
 * @param version  the version to delete, or empty for the whole image
 * @param force    {@code --force}: overrides D2 only (D8)
 * @param vm       {@code --vm}: the name selects the vm variant
 */
public record DeletionRequest(String imageRef, OptionalInt version, boolean force, boolean vm) {

    public static DeletionRequest wholeImage(String imageRef, boolean force) {
        return new DeletionRequest(imageRef, OptionalInt.empty(), force, false);
    }

    public static DeletionRequest version(String imageRef, int version, boolean force) {
        return new DeletionRequest(imageRef, OptionalInt.of(version), force, false);
    }

    public boolean wholeImageDelete() {
        return version.isEmpty();
    }
}
