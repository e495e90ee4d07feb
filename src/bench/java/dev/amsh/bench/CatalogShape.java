package dev.amsh.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * What a generated catalog holds. {@code plainImages} mutable, unused, non-default images of
 * {@code versionsPerImage} versions each (every tenth a vm image): the ones a delete script may
 * remove. On top of them, the images the rules protect: one default per type, images pinned by an
 * application, and immutable ones from the image server (each {@link #protectedPerKind()}).
 * Names are a function of the index, so a benchmark knows them without asking the catalog.
 */
record CatalogShape(int plainImages, int versionsPerImage) {

    private static final String[] DISTROS = {"jammy", "focal", "noble", "bionic", "bookworm"};

    /** Directory name in the catalog cache. */
    String key() {
        return "images-" + plainImages + "x" + versionsPerImage;
    }

    int protectedPerKind() {
        return Math.max(2, plainImages / 500);
    }

    int totalImages() {
        return plainImages + 2 + 2 * protectedPerKind();
    }

    long totalVersions() {
        return (long) totalImages() * versionsPerImage;
    }

    String describe() {
        return String.format("%,d images x %d versions (%,d versions; %,d of the images deletable)", totalImages(),
                versionsPerImage, totalVersions(), plainImages);
    }

    /** {@code jammy:android12:amd64-0001234}: shared prefixes at every level, as completion meets them. */
    static String plainName(int index) {
        return DISTROS[index % DISTROS.length] + ":android" + (10 + index / 5 % 5) + ":"
                + (index / 25 % 2 == 0 ? "amd64" : "arm64") + "-" + String.format("%07d", index);
    }

    static String plainType(int index) {
        return index % 10 == 9 ? "vm" : "container";
    }

    static String pinnedName(int index) {
        return String.format("pinned:android13:amd64-%05d", index);
    }

    static String immutableName(int index) {
        return String.format("io.anbox-cloud:server:amd64-%05d", index);
    }

    static String defaultName(String type) {
        return "default:android13:" + type;
    }

    /** {@code count} distinct plain image indexes in a random (but repeatable) order. */
    List<Integer> samplePlainIndexes(int count, long seed) {
        if (count > plainImages) {
            throw new IllegalArgumentException(count + " > " + plainImages + " deletable images");
        }
        List<Integer> all = new ArrayList<>(plainImages);
        for (int i = 0; i < plainImages; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        return List.copyOf(all.subList(0, count));
    }
}
