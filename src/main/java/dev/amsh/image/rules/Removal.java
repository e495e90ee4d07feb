package dev.amsh.image.rules;

import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.ImageFacts.VersionFacts;

import java.util.List;

/**
 * What an allowed deletion removes.
 *
 * @param imageId       the image
 * @param imageName     its name
 * @param type          its type
 * @param wholeImage    the whole image (all its versions) rather than one version
 * @param versions      the versions removed, ascending
 * @param clearsDefault D6: the image was the sole default of its type, which is left without one
 */
public record Removal(String imageId, String imageName, ImageType type, boolean wholeImage,
        List<VersionFacts> versions, boolean clearsDefault) {

    public Removal {
        versions = List.copyOf(versions);
    }

    /** {@code foo} or {@code foo (vm)}. */
    public String displayName() {
        return type.displayName(imageName);
    }

    public long totalSize() {
        return versions.stream().mapToLong(VersionFacts::size).sum();
    }

    public List<Integer> versionNumbers() {
        return versions.stream().map(VersionFacts::version).toList();
    }
}
