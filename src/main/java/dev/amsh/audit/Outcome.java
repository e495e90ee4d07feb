package dev.amsh.audit;

import java.util.Locale;

/** How an audited command ended. */
public enum Outcome {
    DONE, REFUSED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
