package dev.amsh.imageserver;

import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Texts;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where an index or a content file is: an absolute local path, or a {@code file:}, {@code http:}
 * or {@code https:} URL. It is stored in the catalog as {@link #text()}: the path for a local
 * file named by path, else the URL.
 */
public record Location(URI uri, String text) {

    /** What the catalog's columns hold. */
    static final int MAX_LENGTH = 4000;
    private static final Set<String> SCHEMES = Set.of("file", "http", "https");
    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    /**
     * What an operator typed (or the catalog stored): a URL, or a path made absolute against the
     * working directory.
     *
     * @throws InvalidValueException when it is neither a usable path nor a supported URL
     */
    public static Location of(String typed) {
        if (typed.isBlank()) {
            throw new InvalidValueException("the image server location is empty");
        }
        Location location = HAS_SCHEME.matcher(typed).matches() ? url(typed) : path(typed);
        if (location.text.length() > MAX_LENGTH) {
            throw new InvalidValueException("the location is " + location.text.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed");
        }
        return location;
    }

    /**
     * What an operator typed where they typed it: a relative path made absolute against that
     * directory, anything else as typed.
     */
    public static String againstDirectory(String typed, Path directory) {
        try {
            return typed.isBlank() || HAS_SCHEME.matcher(typed).matches() ? typed : directory.resolve(typed).toString();
        }
        catch (InvalidPathException notAPath) {
            return typed;
        }
    }

    /**
     * A release's {@code path} from the index (this location). An index decides nothing about
     * local files: the path is relative, has no {@code .} or {@code ..} segment, and so resolves
     * below the index's own directory; only an index read over http(s) may instead name an
     * absolute http(s) URL. A file index thus names files beside or below it, never elsewhere.
     *
     * @throws IllegalArgumentException saying what is wrong, for the index validator to name the entry
     */
    Location resolve(String reference) {
        URI relative;
        try {
            relative = new URI(reference);
        }
        catch (URISyntaxException e) {
            throw new IllegalArgumentException("path '" + Texts.abbreviate(reference)
                    + "' is neither a relative path nor a URL (" + e.getReason() + "; spaces must be written %20)");
        }
        URI resolved = relative.getScheme() != null ? absoluteContent(relative, reference)
                : uri.resolve(belowIndex(relative, reference));
        Location location = !isHttp() && isPath() ? new Location(resolved, Path.of(resolved).toString())
                : new Location(resolved, resolved.toString());
        if (location.text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("path resolves to a location longer than " + MAX_LENGTH + " characters");
        }
        return location;
    }

    /** An absolute URL: only http(s), and only from an index that is itself read over http(s). */
    private URI absoluteContent(URI absolute, String reference) {
        String scheme = absolute.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("path '" + Texts.abbreviate(reference)
                    + "' uses the unsupported scheme '" + scheme + "' (use file:, http: or https:)");
        }
        if (!isHttp() || !(scheme.equals("http") || scheme.equals("https")) || absolute.getHost() == null) {
            throw new IllegalArgumentException("path '" + Texts.abbreviate(reference) + "' is an absolute URL; "
                    + (isHttp() ? "an index read over http(s) may name only http(s) content"
                            : "an index read from a file may name only files below its own directory"));
        }
        return absolute.normalize();
    }

    /** A relative path whose every segment is a plain name, so it cannot leave the index's directory. */
    private static URI belowIndex(URI relative, String reference) {
        String path = relative.getPath();
        boolean plain = relative.getRawAuthority() == null && path != null && !path.isEmpty()
                && !path.startsWith("/") && path.indexOf('\\') < 0 && path.chars().noneMatch(Character::isISOControl)
                && Arrays.stream(path.split("/", -1)).noneMatch(segment -> segment.equals("..") || segment.equals("."));
        if (!plain) {
            throw new IllegalArgumentException("path '" + Texts.abbreviate(reference)
                    + "' must be a relative path below the index's directory (no leading /, no . or .. segment)");
        }
        return relative;
    }

    public boolean isHttp() {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    /** The local file behind a {@code file:} location. */
    Path path() {
        return Path.of(uri);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Location url(String typed) {
        URI uri;
        try {
            uri = new URI(typed);
        }
        catch (URISyntaxException e) {
            throw new InvalidValueException("'" + Texts.abbreviate(typed) + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new InvalidValueException("'" + Texts.abbreviate(typed) + "' uses the unsupported scheme '" + scheme
                    + "'; use a path, or a file:, http: or https: URL (write ./" + Texts.abbreviate(typed)
                    + " for a local file whose name contains ':')");
        }
        if (scheme.equals("file")) {
            if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw new InvalidValueException("'" + Texts.abbreviate(typed) + "' is not an absolute file: URL");
            }
        }
        else if (uri.getHost() == null) {
            throw new InvalidValueException("'" + Texts.abbreviate(typed) + "' names no host");
        }
        return new Location(uri.normalize(), uri.normalize().toString());
    }

    private static Location path(String typed) {
        try {
            Path absolute = Path.of(typed).toAbsolutePath().normalize();
            return new Location(absolute.toUri(), absolute.toString());
        }
        catch (InvalidPathException e) {
            throw new InvalidValueException("'" + Texts.abbreviate(typed) + "' is not a valid path");
        }
    }

    /** Named by a path rather than a URL: what is resolved against it is stored as a path too. */
    private boolean isPath() {
        return !HAS_SCHEME.matcher(text).matches();
    }
}
