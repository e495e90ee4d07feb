package dev.amsh.image.listing;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageStatus;
import dev.amsh.image.model.ImageType;

/**
 * One row of an image listing, as {@code image list} and the dashboard's table show it.
 *
 * @param versionCount how many versions the image has
 * @param usedByCount  how many applications pin some version of it
 */
public record ListedImage(String id, String name, ImageType type, Architecture architecture, ImageStatus status,
        boolean isDefault, boolean immutable, int versionCount, int usedByCount) {
}
