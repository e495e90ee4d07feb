package dev.amsh.image.listing;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an image listing can be sorted by, the columns of the dashboard's table in the order shown:
 * the word that names it in a request and its header. Rows that tie go by name then type, which
 * together are unique, so each row has one place and a page can start after it.
 */
public enum ListingSort {
    NAME("name", "Name", false),
    ID("id", "ID", false),
    TYPE("type", "Type", false),
    ARCHITECTURE("architecture", "Architecture", false),
    STATUS("status", "Status", false),
    VERSIONS("versions", "Versions", true),
    DEFAULT("default", "Default", true),
    IMMUTABLE("immutable", "Immutable", true),
    USED_BY("used-by", "Used by", true);

    private final String key;
    private final String label;
    private final boolean numeric;

    ListingSort(String key, String label, boolean numeric) {
        this.key = key;
        this.label = label;
        this.numeric = numeric;
    }

    /** The word that names this order in a request ({@code sort=used-by}). */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Its values are numbers (counts, or 0 and 1 for a flag), compared as numbers. */
    public boolean numeric() {
        return numeric;
    }

    public static Optional<ListingSort> parse(String key) {
        return Arrays.stream(values()).filter(sort -> sort.key.equals(key)).findFirst();
    }

    /** The row's value in this order, as text: what the next page's key carries. */
    public String valueOf(ListedImage row) {
        return switch (this) {
            case NAME -> row.name();
            case ID -> row.id();
            case TYPE -> row.type().wireName();
            case ARCHITECTURE -> row.architecture().wireName();
            case STATUS -> row.status().wireName();
            case VERSIONS -> String.valueOf(row.versionCount());
            case DEFAULT -> row.isDefault() ? "1" : "0";
            case IMMUTABLE -> row.immutable() ? "1" : "0";
            case USED_BY -> String.valueOf(row.usedByCount());
        };
    }
}
