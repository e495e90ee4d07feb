package dev.amsh.image.rules;

import java.util.List;
import java.util.Optional;

/**
 * The rules' answer: either every refusal that blocks the deletion (never only the first),
 * or what the deletion removes.
 */
public record DeletionDecision(List<Refusal> refusals, Optional<Removal> removal) {

    public DeletionDecision {
        refusals = List.copyOf(refusals);
        if (refusals.isEmpty() == removal.isEmpty()) {
            throw new IllegalArgumentException("a decision either refuses or removes");
        }
    }

    public static DeletionDecision refused(List<Refusal> refusals) {
        return new DeletionDecision(refusals, Optional.empty());
    }

    public static DeletionDecision allowed(Removal removal) {
        return new DeletionDecision(List.of(), Optional.of(removal));
    }

    public boolean allowed() {
        return removal.isPresent();
    }
}
