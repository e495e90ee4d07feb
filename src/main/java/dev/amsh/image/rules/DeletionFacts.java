package dev.amsh.image.rules;

import java.util.List;
import java.util.Optional;

/**
 * Everything the rules need to decide one deletion, gathered by the service inside the
 * deleting transaction. Plain data: the rules read nothing else.
 *
 * @param request      what was asked
 * @param image        the image the reference resolved to, or empty when none did (D1)
 * @param similarNames names close to an unknown reference, best first, for D1's suggestions
 */
public record DeletionFacts(DeletionRequest request, Optional<ImageFacts> image, List<String> similarNames) {

    public static DeletionFacts unknown(DeletionRequest request, List<String> similarNames) {
        return new DeletionFacts(request, Optional.empty(), List.copyOf(similarNames));
    }

    public static DeletionFacts of(DeletionRequest request, ImageFacts image) {
        return new DeletionFacts(request, Optional.of(image), List.of());
    }
}
