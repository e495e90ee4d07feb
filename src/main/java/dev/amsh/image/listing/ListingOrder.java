package dev.amsh.image.listing;

/** How an image listing is sorted: by one of its columns, either way. */
public record ListingOrder(ListingSort sort, boolean descending) {

    /** By name then type, ascending: {@code image list}'s order. */
    public static final ListingOrder BY_NAME = new ListingOrder(ListingSort.NAME, false);

    /** Where the page after {@code row} starts in this order. */
    public ListingKey keyOf(ListedImage row) {
        return new ListingKey(sort.valueOf(row), row.name(), row.type());
    }

    /** The key is one this order can start after: a number where the column holds numbers. */
    public boolean accepts(ListingKey key) {
        if (!sort.numeric()) {
            return true;
        }
        try {
            Integer.parseInt(key.sortValue());
            return true;
        }
        catch (NumberFormatException notANumber) {
            return false;
        }
    }
}
