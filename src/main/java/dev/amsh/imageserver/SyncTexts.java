package dev.amsh.imageserver;

import dev.amsh.imageserver.SyncReport.ImportedImage;
import dev.amsh.imageserver.SyncReport.ImportedVersion;
import dev.amsh.vocabulary.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link SyncReport} reads in words: the terminal prints these lines and the audit log
 * records the same ones.
 */
public final class SyncTexts {

    private SyncTexts() {
    }

    /** Every line of the report: imports, conflicts, then the summary. */
    public static List<String> lines(SyncReport report) {
        List<String> lines = new ArrayList<>();
        report.imported().forEach(image -> lines.add(imported(image)));
        report.conflicts().forEach(conflict -> lines.add("conflict: " + conflict));
        lines.add(summary(report));
        return lines;
    }

    /** {@code new image foo (id): versions 0 (1.0, 10 B), 1 (1.1, 12 B); default container image}. */
    static String imported(ImportedImage image) {
        String numbers = (image.versions().size() == 1 ? "version " : "versions ")
                + String.join(", ", image.versions().stream().map(SyncTexts::version).toList());
        String text = image.newImage() ? "new image " + image.displayName() + " (" + image.id() + "): " + numbers
                : "new " + numbers + " of " + image.displayName();
        return image.madeDefault() ? text + "; default " + image.type() + " image" : text;
    }

    /** {@code 2 (1.24.2-20240101, 1.0 MiB)}. */
    private static String version(ImportedVersion version) {
        return version.version() + " (" + version.release() + ", " + Texts.size(version.size()) + ")";
    }

    /** {@code synchronized from URL: 2 new images, 3 new versions, 1 conflict}. */
    static String summary(SyncReport report) {
        if (report.imported().isEmpty() && report.conflicts().isEmpty()) {
            return "synchronized from " + report.location() + ": nothing new";
        }
        return "synchronized from " + report.location() + ": " + count(report.newImages(), "new image") + ", "
                + count(report.newVersions(), "new version") + ", " + count(report.conflicts().size(), "conflict");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
