package dev.amsh.dashboard;

import org.springframework.security.authentication.ott.DefaultOneTimeToken;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * The links the dashboard prints, and the token service of its one-time-token login: amsh makes a
 * token when it prints a link, never on a request. Only the last link printed works, and once, so a
 * link left in a terminal's scrollback or a browser's history opens nothing. It does not expire:
 * {@code serve --dashboard} prints its link once, when it starts (Spring's in-memory service would
 * end every link after minutes, and keep each earlier one working until then).
 */
@Component
public class DashboardLinks implements OneTimeTokenService {

    static final String TOKEN_PARAMETER = "token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeToken unspent;

    /** The link an operator opens: the dashboard's address with a new one-time token. */
    public String oneTimeLink(DashboardOptions options, int port) {
        String host = options.address().contains(":") ? "[" + options.address() + "]" : options.address();
        return (options.https() ? "https" : "http") + "://" + host + ":" + port + "/?" + TOKEN_PARAMETER + "="
                + issueToken();
    }

    /** A new one-time token for the operator; any earlier unspent one stops working. */
    String issueToken() {
        return generate(new GenerateOneTimeTokenRequest(DashboardSecurity.OPERATOR)).getTokenValue();
    }

    /** A new token of 256 random bits (URL-safe); the one printed before it stops working. */
    @Override
    public synchronized OneTimeToken generate(GenerateOneTimeTokenRequest request) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        unspent = new DefaultOneTimeToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                request.getUsername(), Instant.MAX);
        return unspent;
    }

    /** The unspent token, spent by this call, when {@code presented} is it (compared in constant time); else null. */
    @Override
    public synchronized OneTimeToken consume(OneTimeTokenAuthenticationToken presented) {
        String value = presented.getTokenValue();
        if (unspent == null || value == null || !MessageDigest.isEqual(unspent.getTokenValue()
                .getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        OneTimeToken spent = unspent;
        unspent = null;
        return spent;
    }
}
