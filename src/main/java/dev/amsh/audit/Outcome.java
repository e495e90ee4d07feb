package dev.amsh.audit;

import dev.amsh.vocabulary.WireNamed;

import java.util.Locale;

/** How an audited command ended. */
public enum Outcome implements WireNamed {
    DONE, REFUSED, FAILED, INTERRUPTED;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
