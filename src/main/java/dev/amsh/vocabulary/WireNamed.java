package dev.amsh.vocabulary;

import java.util.Arrays;
import java.util.Optional;

/**
 * A value operators type and the catalog stores as a lowercase word ({@code container},
 * {@code x86_64}) rather than a Java constant name. Enums implement it; a feature lists its own
 * in a {@code StoredWords} bean of the catalog, so that the catalog stores them without naming them.
 */
public interface WireNamed {

    String wireName();

    /** The constant of {@code type} whose wire name is {@code text}, if any. */
    static <E extends Enum<E> & WireNamed> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.wireName().equals(text)).findFirst();
    }
}
