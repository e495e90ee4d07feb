package dev.amsh.vocabulary;

import java.util.List;
import java.util.Optional;

/**
 * What a change that the catalog may refuse, and that applies exactly what the operator was shown
 * or nothing, came to: applied; refused, each refusal already in the audit log; or not applied
 * because the catalog changed since it was shown. Only an applied change changed anything. Every
 * face renders the three the same way: done, refused with its reasons, or "nothing removed" and
 * what changed.
 *
 * @param <T> what an applied change did
 * @param <R> one refusal: a rule with its remedy, or a line
 */
public sealed interface ChangeOutcome<T, R> {

    record Applied<T, R>(T change) implements ChangeOutcome<T, R> {
    }

    record Refused<T, R>(List<R> refusals) implements ChangeOutcome<T, R> {

        public Refused {
            refusals = List.copyOf(refusals);
        }
    }

    /** @param what what changed, as a clause after "nothing removed: " */
    record ChangedSinceShown<T, R>(String what) implements ChangeOutcome<T, R> {
    }

    default boolean applied() {
        return this instanceof Applied;
    }

    /** What was changed, if the change was applied. */
    default Optional<T> appliedChange() {
        return this instanceof Applied<T, R> applied ? Optional.of(applied.change()) : Optional.empty();
    }

    /** Why it was refused; empty unless it was. */
    default List<R> refusals() {
        return this instanceof Refused<T, R> refused ? refused.refusals() : List.of();
    }

    /** What changed since the operator was shown the change, if that is why nothing was applied. */
    default Optional<String> changedSinceShown() {
        return this instanceof ChangedSinceShown<T, R> changed ? Optional.of(changed.what()) : Optional.empty();
    }
}
