package dev.amsh.catalog;

/**
 * A value operators type and the catalog stores as a lowercase word ({@code container},
 * {@code x86_64}) rather than a Java constant name. Enums implement it; a feature lists its own
 * in a {@link StoredWords} bean so that the catalog stores them without naming them.
 */
public interface WireNamed {

    String wireName();
}
