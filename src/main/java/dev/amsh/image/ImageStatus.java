package dev.amsh.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum ImageStatus {
    INITIALIZING, CREATED, AVAILABLE, QUEUED, ACTIVE, DELETED, ERROR, UNKNOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImageStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
