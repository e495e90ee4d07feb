package dev.amsh.imageserver;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.imageserver.ImageIndex.Entry;
import dev.amsh.imageserver.ImageIndex.Release;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.Sizes;
import dev.amsh.vocabulary.Texts;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates an index document (its format is in the README, "Image server"). Anything off is an
 * {@link ImageIndexException} naming the entry, e.g.
 * {@code index entry images[2] (jammy:android13:amd64) release 1.2: sha256 must be 64 lowercase hex characters};
 * members the format does not define are ignored, so servers can add some.
 *
 * <p>The JSON itself is read strictly: no key twice in one object (which value would win is not
 * defined), nothing after the document, and bounded nesting, string and document sizes, so a
 * hostile document cannot exhaust the stack or the memory.
 */
public final class ImageIndexParser {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** What the catalog's RELEASE_NAME column holds. */
    static final int MAX_RELEASE_LENGTH = 100;
    static final int MAX_DEPTH = 64;
    /** Far above any name, digest or path an index holds. */
    static final int MAX_STRING_LENGTH = 64 * 1024;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxDocumentLength(ImageServerClient.MAX_INDEX_BYTES)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** What Jackson adds to a message that an operator cannot act on: where its sources and limits live. */
    private static final Pattern JACKSON_DETAIL = Pattern.compile(" \\(for [^(]* starting at \\[Source:.*|, from `[^`]*`");

    private ImageIndexParser() {
    }

    public static ImageIndex parse(String document, Location location) {
        JsonNode index = object(read(document, location), "index " + location);
        String format = string(index, "format", "index " + location);
        if (!format.equals(ImageIndex.FORMAT)) {
            throw new ImageIndexException("index " + location + " has format '" + Texts.abbreviate(format)
                    + "'; amsh reads '" + ImageIndex.FORMAT + "'");
        }
        JsonNode images = array(index, "images", "index " + location);
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

    /** The document as a tree, or one line saying why it is not JSON and where. */
    private static JsonNode read(String document, Location location) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        }
        catch (JacksonException e) {
            throw notJson(location, where(e.getLocation()) + JACKSON_DETAIL.matcher(e.getOriginalMessage().lines()
                    .findFirst().orElse("")).replaceAll(""));
        }
        catch (NumberFormatException e) {
            // Jackson reports a number BigDecimal cannot hold (such as 1e999999999999) this way.
            throw notJson(location, "a number is out of range");
        }
        if (root.isMissingNode()) {
            throw notJson(location, "the document is empty");
        }
        return root;
    }

    private static String where(TokenStreamLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    private static ImageIndexException notJson(Location location, String reason) {
        return new ImageIndexException("index " + location + " is not valid JSON: " + reason);
    }

    private static Entry entry(JsonNode value, String where, Location location) {
        JsonNode image = object(value, where);
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
        JsonNode releaseValues = array(image, "releases", named);
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

    private static Release release(JsonNode value, String image, int index, Location location) {
        String where = image + " releases[" + index + "]";
        JsonNode release = object(value, where);
        String name = string(release, "release", where);
        if (name.isEmpty() || name.length() > MAX_RELEASE_LENGTH || !Texts.visible(name).equals(name)) {
            throw new ImageIndexException(where + ": release must be 1 to " + MAX_RELEASE_LENGTH
                    + " characters without control or invisible characters");
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

    private static long size(JsonNode release, String where) {
        JsonNode value = required(release, "size", where);
        if (!value.isNumber()) {
            throw wrongKind("size", "a number", value, where);
        }
        BigDecimal number = value.decimalValue();
        if (number.signum() < 0) {
            throw new ImageIndexException(where + ": size must not be negative");
        }
        if (number.signum() > 0 && number.stripTrailingZeros().scale() > 0) {
            throw new ImageIndexException(where + ": size must be a whole number of bytes");
        }
        if (number.compareTo(BigDecimal.valueOf(Sizes.MAX_IMAGE_BYTES)) > 0) {
            throw new ImageIndexException(where + ": size is too large (at most " + Sizes.MAX_IMAGE_BYTES + " bytes)");
        }
        return number.longValueExact();
    }

    private static JsonNode object(JsonNode value, String where) {
        if (!value.isObject()) {
            throw new ImageIndexException(where + " must be an object, not " + kindOf(value));
        }
        return value;
    }

    private static String string(JsonNode object, String member, String where) {
        JsonNode value = required(object, member, where);
        if (!value.isString()) {
            throw wrongKind(member, "a string", value, where);
        }
        return value.stringValue();
    }

    private static JsonNode array(JsonNode object, String member, String where) {
        JsonNode value = required(object, member, where);
        if (!value.isArray()) {
            throw wrongKind(member, "an array", value, where);
        }
        return value;
    }

    private static JsonNode required(JsonNode object, String member, String where) {
        JsonNode value = object.get(member);
        if (value == null) {
            throw new ImageIndexException(where + ": " + member + " is missing");
        }
        return value;
    }

    private static ImageIndexException wrongKind(String member, String wanted, JsonNode value, String where) {
        return new ImageIndexException(where + ": " + member + " must be " + wanted + ", not " + kindOf(value));
    }

    /** How a value is called in messages: {@code an object}, {@code a string}, ... */
    private static String kindOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "null";
        };
    }
}
