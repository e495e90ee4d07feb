package dev.amsh.image.model;

import dev.amsh.vocabulary.WireNamed;

import java.util.Locale;
import java.util.Optional;

public enum ImageStatus implements WireNamed {
    INITIALIZING, CREATED, AVAILABLE, QUEUED, ACTIVE, DELETED, ERROR, UNKNOWN;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImageStatus> parse(String text) {
        return WireNamed.parse(ImageStatus.class, text);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
