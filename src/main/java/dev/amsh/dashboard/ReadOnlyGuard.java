package dev.amsh.dashboard;

import dev.amsh.catalog.CatalogPrivileges;
import dev.amsh.vocabulary.RefusedException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * A database user who may only read the catalog is refused a change before it starts, as the shell
 * refuses it: the pages offer no change to that user, and an address that would start one says why.
 */
@Component
@ControllerAdvice
public class ReadOnlyGuard {

    private final CatalogPrivileges privileges;

    public ReadOnlyGuard(CatalogPrivileges privileges) {
        this.privileges = privileges;
    }

    /** Refused because the database user may only read the catalog. */
    static final class ReadOnlyException extends RefusedException {
        ReadOnlyException(String message) {
            super(message);
        }
    }

    /** Whether the pages may offer changes: every page's model says so. */
    @ModelAttribute
    void offerChanges(Model model) {
        model.addAttribute("readOnly", privileges.readOnlyUser().isPresent());
    }

    /** @throws ReadOnlyException when the database user may only read: {@code command} changes the catalog */
    void refuseUnlessWritable(String command) {
        privileges.readOnlyUser().ifPresent(user -> {
            throw new ReadOnlyException("'" + command + "' changes the catalog, and the database user '" + user
                    + "' may only read it");
        });
    }
}
