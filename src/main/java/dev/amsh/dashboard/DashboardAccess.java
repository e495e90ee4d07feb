package dev.amsh.dashboard;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the dashboard: whoever opens the link it printed, once. The link's token is exchanged
 * for a session (kept in a cookie) on first use and is then spent, so a link left in a terminal's
 * scrollback or a browser's history opens nothing.
 */
@Component
public class DashboardAccess {

    /** Sessions live as long as the dashboard; each needs a token printed or issued, so they stay few. */
    static final int MAX_SESSIONS = 100;

    private final Map<String, DashboardSession> sessions = new ConcurrentHashMap<>();
    private String unspentToken;

    /** A new one-time token; any earlier unspent one stops working. */
    public synchronized String issueToken() {
        unspentToken = Tokens.random();
        return unspentToken;
    }

    /** The link an operator opens: the dashboard's address with a new one-time token. */
    public String oneTimeLink(DashboardOptions options, int port) {
        String host = options.address().contains(":") ? "[" + options.address() + "]" : options.address();
        return (options.https() ? "https" : "http") + "://" + host + ":" + port + "/?"
                + DashboardAccessFilter.TOKEN_PARAMETER + "=" + issueToken();
    }

    /** A new session for the unspent token, which is spent by it; empty for any other token. */
    synchronized Optional<Session> exchange(String token) {
        if (unspentToken == null || !Tokens.same(unspentToken, token)) {
            return Optional.empty();
        }
        unspentToken = null;
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.remove(sessions.keySet().iterator().next());
        }
        Session session = new Session(Tokens.random(), new DashboardSession(Tokens.random()));
        sessions.put(session.id(), session.state());
        return Optional.of(session);
    }

    Optional<DashboardSession> session(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.get(id));
    }

    /** A session and the id its cookie carries. */
    record Session(String id, DashboardSession state) {
    }
}
