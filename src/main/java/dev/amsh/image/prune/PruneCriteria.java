package dev.amsh.image.prune;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code image prune} may remove: versions beyond the newest {@code keepLast}, and/or
 * versions created before {@code now - olderThan}. Both given: a version must satisfy both.
 */
public record PruneCriteria(OptionalInt keepLast, Optional<Duration> olderThan, Instant now) {

    public PruneCriteria {
        if (keepLast.isEmpty() && olderThan.isEmpty()) {
            throw new IllegalArgumentException("prune needs --keep-last or --older-than");
        }
    }

    Optional<Instant> cutoff() {
        return olderThan.map(now::minus);
    }
}
