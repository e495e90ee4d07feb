package dev.amsh.dashboard;

import org.springframework.stereotype.Component;
import org.springframework.web.context.annotation.SessionScope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The deletions one browser's session was shown and may confirm: a confirming form sends back the
 * id its page was shown under, and a page shown to another session finds nothing here.
 */
@Component
@SessionScope
public class ShownPlans {

    /** Deletions shown and not yet confirmed or cancelled, at most this many (the oldest go first). */
    static final int MAX_PENDING = 50;

    private final Map<String, Object> pending = new LinkedHashMap<>();

    /** Keeps a plan shown on a confirmation page under a new random id, which the confirming form sends back. */
    public synchronized String remember(Object plan) {
        String id = UUID.randomUUID().toString();
        pending.put(id, plan);
        if (pending.size() > MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        return id;
    }

    /** The plan shown under {@code id}, once: a second confirmation of the same page finds nothing. */
    public synchronized <T> Optional<T> take(String id, Class<T> type) {
        Object plan = pending.get(id);
        if (!type.isInstance(plan)) {
            return Optional.empty();
        }
        pending.remove(id);
        return Optional.of(type.cast(plan));
    }
}
