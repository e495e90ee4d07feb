package dev.amsh.image.model;

import dev.amsh.vocabulary.WireNamed;

import java.util.Optional;

/** Container or virtual-machine image; a name is unique per type. */
public enum ImageType implements WireNamed {
    CONTAINER("container"), VM("vm");

    private final String wireName;

    ImageType(String wireName) {
        this.wireName = wireName;
    }

    /** The name operators type and the catalog stores. */
    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * How an image of this type is shown: {@code foo}, or {@code foo (vm)} for the vm variant, since
     * a name is unique per type only. The one place that says so.
     */
    public String displayName(String imageName) {
        return this == VM ? imageName + " (vm)" : imageName;
    }

    public static Optional<ImageType> parse(String text) {
        return WireNamed.parse(ImageType.class, text);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
