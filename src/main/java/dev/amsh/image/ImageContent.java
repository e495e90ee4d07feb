package dev.amsh.image;

/**
 * What a version's content file is: its size and sha256, read by streaming the file once
 * before the catalog transaction starts.
 */
public record ImageContent(long size, String sha256) {
}
