package dev.amsh.image.model;

import dev.amsh.catalog.WireNamed;

import java.util.Arrays;
import java.util.Optional;

public enum Architecture implements WireNamed {
    X86_64("x86_64"), AARCH64("aarch64");

    private final String wireName;

    Architecture(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Architecture> parse(String text) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(text)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
