package dev.amsh.imageserver;

import dev.amsh.catalog.InvalidValueException;
import dev.amsh.catalog.Names;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.imageserver.ImageIndex.Entry;
import dev.amsh.imageserver.ImageIndex.Release;
import dev.amsh.imageserver.JsonReader.JsonSyntaxException;
import dev.amsh.catalog.Texts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates an index document (its format is in the README, "Image server"). Anything off is an
 * {@link ImageIndexException} naming the entry, e.g.
 * {@code index entry images[2] (jammy:android13:amd64) release 1.2: sha256 must be 64 lowercase hex characters};
 * members the format does not define are ignored, so servers can add some.
 */
public final class ImageIndexParser {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** What the catalog's RELEASE_NAME column holds. */
    static final int MAX_RELEASE_LENGTH = 100;

    private ImageIndexParser() {
    }

    public static ImageIndex parse(String document, Location location) {
        Object root;
        try {
            root = JsonReader.read(document);
        }
        catch (JsonSyntaxException e) {
            throw new ImageIndexException("index " + location + " is not valid JSON: " + e.getMessage());
        }
        Map<String, Object> index = object(root, "index " + location);
        String format = string(index, "format", "index " + location);
        if (!format.equals(ImageIndex.FORMAT)) {
            throw new ImageIndexException("index " + location + " has format '" + Texts.abbreviate(format)
                    + "'; amsh reads '" + ImageIndex.FORMAT + "'");
        }
        List<Object> images = array(index, "images", "index " + location);
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            Entry entry = entry(images.get(i), "index entry images[" + i + "]", location);
            if (!seen.add(entry.type() + "/" + entry.name())) {
                throw new ImageIndexException("index entry images[" + i + "] (" + entry.name() + "): " + entry.type()
                        + " image " + entry.name() + " is listed twice");
            }
            entries.add(entry);
        }
        return new ImageIndex(location, entries);
    }

    private static Entry entry(Object value, String where, Location location) {
        Map<String, Object> image = object(value, where);
        String name = string(image, "name", where);
        try {
            Names.requireValid("image", name);
        }
        catch (InvalidValueException e) {
            throw new ImageIndexException(where + ": " + e.getMessage());
        }
        String named = where + " (" + name + ")";
        String typeText = string(image, "type", named);
        ImageType type = ImageType.parse(typeText).orElseThrow(() -> new ImageIndexException(named
                + ": unknown type '" + Texts.abbreviate(typeText) + "' (container or vm)"));
        String architectureText = string(image, "architecture", named);
        Architecture architecture = Architecture.parse(architectureText).orElseThrow(() -> new ImageIndexException(
                named + ": unknown architecture '" + Texts.abbreviate(architectureText) + "' (x86_64 or aarch64)"));
        List<Object> releaseValues = array(image, "releases", named);
        if (releaseValues.isEmpty()) {
            throw new ImageIndexException(named + ": releases is empty; an image needs at least one release");
        }
        List<Release> releases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < releaseValues.size(); i++) {
            Release release = release(releaseValues.get(i), named, i, location);
            if (!seen.add(release.release())) {
                throw new ImageIndexException(named + " release " + release.release() + ": listed twice");
            }
            releases.add(release);
        }
        return new Entry(name, type, architecture, releases);
    }

    private static Release release(Object value, String image, int index, Location location) {
        String where = image + " releases[" + index + "]";
        Map<String, Object> release = object(value, where);
        String name = string(release, "release", where);
        if (name.isEmpty() || name.length() > MAX_RELEASE_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new ImageIndexException(where + ": release must be 1 to " + MAX_RELEASE_LENGTH
                    + " characters without control characters");
        }
        String named = image + " release " + name;
        long size = size(release, named);
        String sha256 = string(release, "sha256", named);
        if (!SHA256.matcher(sha256).matches()) {
            throw new ImageIndexException(named + ": sha256 must be 64 lowercase hex characters");
        }
        String path = string(release, "path", named);
        if (path.isEmpty()) {
            throw new ImageIndexException(named + ": path is empty");
        }
        try {
            return new Release(name, size, sha256, location.resolve(path));
        }
        catch (IllegalArgumentException e) {
            throw new ImageIndexException(named + ": " + e.getMessage());
        }
    }

    private static long size(Map<String, Object> release, String where) {
        Object value = required(release, "size", where);
        if (!(value instanceof BigDecimal number)) {
            throw wrongKind("size", "a number", value, where);
        }
        if (number.signum() < 0) {
            throw new ImageIndexException(where + ": size must not be negative");
        }
        if (number.signum() > 0 && number.stripTrailingZeros().scale() > 0) {
            throw new ImageIndexException(where + ": size must be a whole number of bytes");
        }
        try {
            return number.longValueExact();
        }
        catch (ArithmeticException e) {
            throw new ImageIndexException(where + ": size is too large");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where) {
        if (!(value instanceof Map)) {
            throw new ImageIndexException(where + " must be an object, not " + JsonReader.kindOf(value));
        }
        return (Map<String, Object>) value;
    }

    private static String string(Map<String, Object> object, String member, String where) {
        Object value = required(object, member, where);
        if (!(value instanceof String text)) {
            throw wrongKind(member, "a string", value, where);
        }
        return text;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> array(Map<String, Object> object, String member, String where) {
        Object value = required(object, member, where);
        if (!(value instanceof List)) {
            throw wrongKind(member, "an array", value, where);
        }
        return (List<Object>) value;
    }

    private static Object required(Map<String, Object> object, String member, String where) {
        if (!object.containsKey(member)) {
            throw new ImageIndexException(where + ": " + member + " is missing");
        }
        return object.get(member);
    }

    private static ImageIndexException wrongKind(String member, String wanted, Object value, String where) {
        return new ImageIndexException(where + ": " + member + " must be " + wanted + ", not " + JsonReader.kindOf(value));
    }
}
