package dev.amsh.imageserver;

import dev.amsh.image.model.ImageType;
import dev.amsh.catalog.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code image server sync} imported.
 *
 * @param location  the index it read
 * @param imported  per image, the new image or the new versions of an existing one, in index order
 * @param conflicts server images left alone, each with why
 */
public record SyncReport(String location, List<ImportedImage> imported, List<String> conflicts) {

    public SyncReport {
        imported = List.copyOf(imported);
        conflicts = List.copyOf(conflicts);
    }

    /**
     * @param newImage    whether the image itself is new (else versions were added to it)
     * @param madeDefault whether it became its type's default, as the first image of its type
     */
    public record ImportedImage(String displayName, String id, ImageType type, boolean newImage,
            List<ImportedVersion> versions, boolean madeDefault) {

        public ImportedImage {
            versions = List.copyOf(versions);
        }

        /** {@code new image foo (id): versions 0 (1.0, 10 B), 1 (1.1, 12 B); default container image}. */
        public String describe() {
            String numbers = (versions.size() == 1 ? "version " : "versions ")
                    + String.join(", ", versions.stream().map(ImportedVersion::describe).toList());
            String text = newImage ? "new image " + displayName + " (" + id + "): " + numbers
                    : "new " + numbers + " of " + displayName;
            return madeDefault ? text + "; default " + type + " image" : text;
        }
    }

    /** One imported release: {@code 2 (1.24.2-20240101, 1.0 MiB)}. */
    public record ImportedVersion(int version, String release, long size) {

        String describe() {
            return version + " (" + release + ", " + Texts.size(size) + ")";
        }
    }

    public int newImages() {
        return (int) imported.stream().filter(ImportedImage::newImage).count();
    }

    public int newVersions() {
        return imported.stream().mapToInt(i -> i.versions().size()).sum();
    }

    /** Every line of the report: imports, conflicts, then the summary. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        imported.forEach(image -> lines.add(image.describe()));
        conflicts.forEach(conflict -> lines.add("conflict: " + conflict));
        lines.add(summary());
        return lines;
    }

    /** {@code synchronized from URL: 2 new images, 3 new versions, 1 conflict}. */
    public String summary() {
        if (imported.isEmpty() && conflicts.isEmpty()) {
            return "synchronized from " + location + ": nothing new";
        }
        return "synchronized from " + location + ": " + count(newImages(), "new image") + ", "
                + count(newVersions(), "new version") + ", " + count(conflicts.size(), "conflict");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
