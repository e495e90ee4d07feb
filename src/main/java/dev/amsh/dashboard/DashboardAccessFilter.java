package dev.amsh.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Every request passes here first. The printed link's token is exchanged for a session cookie
 * (HttpOnly, SameSite=Strict) and the browser sent on to the same page without it; a request with
 * neither the token nor the cookie gets 403; a request that changes anything must also carry the
 * session's CSRF token in its form. Every response forbids framing, sniffing, caching, referrers
 * and any resource not served by amsh.
 */
@Component
public class DashboardAccessFilter extends OncePerRequestFilter {

    static final String COOKIE = "amsh_dashboard";
    static final String TOKEN_PARAMETER = "token";
    static final String CSRF_PARAMETER = "_csrf";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self';"
            + " img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final DashboardAccess access;

    public DashboardAccessFilter(DashboardAccess access) {
        this.access = access;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        boolean safe = SAFE_METHODS.contains(request.getMethod());
        String token = safe ? request.getParameter(TOKEN_PARAMETER) : null;
        Optional<DashboardSession> session = access.session(cookie(request));
        if (token != null) {
            Optional<DashboardAccess.Session> exchanged = access.exchange(token);
            if (exchanged.isEmpty() && session.isEmpty()) {
                forbidden(response, "this link was already used, or is not the dashboard's");
                return;
            }
            exchanged.ifPresent(started -> response.addHeader(HttpHeaders.SET_COOKIE,
                    ResponseCookie.from(COOKIE, started.id()).httpOnly(true).sameSite("Strict").path("/")
                            .secure(request.isSecure()).build().toString()));
            // The token leaves the address bar (and the history) at once.
            response.sendRedirect(request.getRequestURI());
            return;
        }
        if (session.isEmpty()) {
            forbidden(response, "open the link 'amsh dashboard' printed");
            return;
        }
        if (!safe && !Tokens.same(session.get().csrfToken(), request.getParameter(CSRF_PARAMETER))) {
            forbidden(response, "the form's security token is missing or wrong; reload the page and try again");
            return;
        }
        request.setAttribute(DashboardSession.ATTRIBUTE, session.get());
        chain.doFilter(request, response);
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? null : Arrays.stream(cookies).filter(c -> c.getName().equals(COOKIE))
                .map(Cookie::getValue).findFirst().orElse(null);
    }

    private static void forbidden(HttpServletResponse response, String why) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/plain");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().println("403 forbidden: " + why);
    }
}
