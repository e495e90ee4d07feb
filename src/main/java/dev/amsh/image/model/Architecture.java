package dev.amsh.image.model;

import dev.amsh.vocabulary.WireNamed;

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
        return WireNamed.parse(Architecture.class, text);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
