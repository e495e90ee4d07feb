package dev.amsh.image.rules;

import dev.amsh.image.model.ImageType;

import java.util.List;

/**
 * The state of one image as the rules see it.
 *
 * @param id                 the image id
 * @param name               the image name
 * @param type               container or vm
 * @param immutable          synchronized from the image server
 * @param isDefault          the default image of its type
 * @param versions           the remaining versions, ascending by number
 * @param otherImagesOfType  for the type's default image (only D5 and D6 ask; 0 for any other),
 *                           how many other images of the same type exist, counted up to
 *                           {@link #COUNTED_UP_TO} + 1 only: the rules need to know whether
 *                           there are any, a message how many, and counting further would make
 *                           every delete cost more as the catalog grows
 * @param defaultCandidates  some of those other images' names (bounded), to name in D5's remedy
 * @param pins               every application version that references this image
 */
public record ImageFacts(String id, String name, ImageType type, boolean immutable, boolean isDefault,
        List<VersionFacts> versions, long otherImagesOfType, List<String> defaultCandidates, List<Pin> pins) {

    /** How far the other images of a type are counted; beyond it, "many". */
    public static final int COUNTED_UP_TO = 1000;

    public ImageFacts {
        versions = List.copyOf(versions);
        defaultCandidates = List.copyOf(defaultCandidates);
        pins = List.copyOf(pins);
    }

    /** One image version: its number and its size in bytes. */
    public record VersionFacts(int version, long size) {
    }

    /** Application {@code application} at its version {@code applicationVersion} pins {@code imageVersion}. */
    public record Pin(String application, int applicationVersion, int imageVersion) {
    }
}
