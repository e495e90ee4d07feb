package dev.amsh.imageserver;

import dev.amsh.image.model.ImageType;

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
    }

    /** One imported release: the version it became, its release name and its size in bytes. */
    public record ImportedVersion(int version, String release, long size) {
    }

    public int newImages() {
        return (int) imported.stream().filter(ImportedImage::newImage).count();
    }

    public int newVersions() {
        return imported.stream().mapToInt(i -> i.versions().size()).sum();
    }
}
