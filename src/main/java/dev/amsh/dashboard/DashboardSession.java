package dev.amsh.dashboard;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One browser's session: its CSRF token, the deletions it was shown and may confirm, and the
 * message the next page shows (what the last action did).
 */
public final class DashboardSession {

    /** The request attribute the access filter puts the session in. */
    public static final String ATTRIBUTE = "dev.amsh.dashboard.session";
    /** Deletions shown and not yet confirmed or cancelled, at most this many (the oldest go first). */
    static final int MAX_PENDING = 50;

    private final String csrfToken;
    private final Map<String, Object> pending = new LinkedHashMap<>();
    private String flash;

    DashboardSession(String csrfToken) {
        this.csrfToken = csrfToken;
    }

    public String csrfToken() {
        return csrfToken;
    }

    /** Keeps a plan shown on a confirmation page under a new random id, which the confirming form sends back. */
    public synchronized String remember(Object plan) {
        String id = Tokens.random();
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

    public synchronized void flash(String message) {
        flash = message;
    }

    /** The message for the next page, once. */
    public synchronized Optional<String> takeFlash() {
        Optional<String> message = Optional.ofNullable(flash);
        flash = null;
        return message;
    }
}
