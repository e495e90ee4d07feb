package dev.amsh.dashboard;

import dev.amsh.catalog.CatalogLocation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.Optional;

/** What every page needs: the session's CSRF token for its forms, and the message of the last action. */
@ControllerAdvice
public class DashboardModel {

    private final CatalogLocation location;

    public DashboardModel(CatalogLocation location) {
        this.location = location;
    }

    @ModelAttribute("csrf")
    public String csrf(HttpServletRequest request) {
        return session(request).map(DashboardSession::csrfToken).orElse("");
    }

    @ModelAttribute("flash")
    public String flash(HttpServletRequest request) {
        return session(request).flatMap(DashboardSession::takeFlash).orElse(null);
    }

    /** This page's address, for a form that returns to it. */
    @ModelAttribute("self")
    public String self(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    /** Which catalog the pages show, its password masked, a path in the user's home written from {@code ~}. */
    @ModelAttribute("catalog")
    public String catalog() {
        String described = location.describe();
        String home = System.getProperty("user.home", "");
        return !home.isEmpty() && !home.equals("/") && described.startsWith(home + "/")
                ? "~" + described.substring(home.length()) : described;
    }

    private static Optional<DashboardSession> session(HttpServletRequest request) {
        return Optional.ofNullable((DashboardSession) request.getAttribute(DashboardSession.ATTRIBUTE));
    }

    /** A page's own address to come back to; anything else (another site, a protocol-relative URL) is not followed. */
    static String localPath(String back, String fallback) {
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.chars().noneMatch(Character::isISOControl) ? back : fallback;
    }
}
