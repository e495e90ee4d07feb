package dev.amsh.image.listing;

import dev.amsh.image.model.ImageType;

/**
 * Where a page of a listing starts: after the image with this value in the listing's order (as
 * text), this name and this type (keyset paging).
 */
public record ListingKey(String sortValue, String name, ImageType type) {
}
