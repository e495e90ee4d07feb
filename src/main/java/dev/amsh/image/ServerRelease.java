package dev.amsh.image;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;

/**
 * One release of an image server's image, as {@code image add NAME SERVER_IMAGE@RELEASE} pins
 * it: what version 0 of the new local image records.
 *
 * @param serverImage  the server's image name
 * @param release      the release string
 * @param architecture the server image's architecture
 * @param size         its content's size in bytes
 * @param sha256       its content's fingerprint
 * @param source       where its content lives
 */
public record ServerRelease(String serverImage, String release, Architecture architecture, long size, String sha256,
        String source) {

    /** Finds a release on the catalog's image server; the image server feature provides it. */
    public interface Finder {

        /**
         * @param serverImage the server image's name, of {@code type}
         * @throws dev.amsh.vocabulary.CatalogException when no server is set, or it has no such image or release
         */
        ServerRelease find(String serverImage, ImageType type, String release);
    }
}
