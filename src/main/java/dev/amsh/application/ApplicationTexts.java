package dev.amsh.application;

import dev.amsh.vocabulary.Texts;

/**
 * How application changes read in words, built from the values the service returns: the
 * terminal prints these lines and the audit log records the same ones.
 */
public final class ApplicationTexts {

    private ApplicationTexts() {
    }

    /** {@code removed application app: versions 0, 1}. */
    public static String removed(ApplicationRemoval removal) {
        return removed("removed", removal);
    }

    /** {@code would remove application app: versions 0, 1}: the same line with another verb, for a dry run. */
    public static String removed(String verb, ApplicationRemoval removal) {
        return verb + " application " + removal.name() + ": "
                + (removal.versions().size() == 1 ? "version " : "versions ") + Texts.joinNumbers(removal.versions());
    }
}
