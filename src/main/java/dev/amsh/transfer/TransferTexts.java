package dev.amsh.transfer;

import dev.amsh.vocabulary.Texts;

import java.nio.file.Path;

/** How the transfer commands say what went through. */
final class TransferTexts {

    private TransferTexts() {
    }

    static String describe(CatalogTransfer.Counts counts) {
        return counts.of("IMAGE") + " images (" + counts.of("IMAGE_VERSION") + " versions), "
                + counts.of("APPLICATION") + " applications (" + counts.of("APPLICATION_VERSION") + " versions), "
                + counts.of("AUDIT_EVENT") + " audit events";
    }

    static String path(Path file) {
        return Texts.visible(file.toString());
    }
}
