package dev.amsh.dashboard;

import dev.amsh.catalog.CatalogLocation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page needs: its own address and the catalog it shows. The message of the last action
 * comes as a flash attribute, {@value #FLASH}, to the page its redirect leads to.
 */
@ControllerAdvice
public class DashboardModel {

    /** The flash attribute that says what the last action did, on the next page only. */
    static final String FLASH = "flash";

    private final CatalogLocation location;

    public DashboardModel(CatalogLocation location) {
        this.location = location;
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

    /** A page's own address to come back to; anything else (another site, a protocol-relative URL) is not followed. */
    static String localPath(String back, String fallback) {
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\")
                && back.chars().noneMatch(Character::isISOControl) ? back : fallback;
    }
}
