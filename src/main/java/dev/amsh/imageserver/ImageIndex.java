package dev.amsh.imageserver;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;

import java.util.List;

/**
 * An image server's index, validated: every entry well formed, no image or release twice.
 *
 * @param location where it was read from; release content is resolved against it
 * @param images   in the order the index lists them
 */
public record ImageIndex(Location location, List<Entry> images) {

    public static final String FORMAT = "amsh-image-index/1";

    public ImageIndex {
        images = List.copyOf(images);
    }

    /**
     * One image the server offers.
     *
     * @param releases oldest first, as the index lists them
     */
    public record Entry(String name, ImageType type, Architecture architecture, List<Release> releases) {

        public Entry {
            releases = List.copyOf(releases);
        }

        /** {@code foo} or {@code foo (vm)}, as the catalog shows images. */
        public String displayName() {
            return type.displayName(name);
        }
    }

    /**
     * One release of an image: becomes one image version.
     *
     * @param content where its content lives, resolved against the index's location
     */
    public record Release(String release, long size, String sha256, Location content) {
    }
}
