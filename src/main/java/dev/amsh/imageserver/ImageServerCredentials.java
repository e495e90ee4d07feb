package dev.amsh.imageserver;

import dev.amsh.catalog.CatalogLocation;
import dev.amsh.catalog.PrivateFiles;
import dev.amsh.vocabulary.FailedException;
import dev.amsh.vocabulary.InvalidValueException;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image server's password, never kept in the catalog: a URL typed with {@code user:password@}
 * is stored as {@code user@}, one with {@code ?password=} without it, and the password goes to an
 * owner-only file beside the catalog, or comes from {@value #ENV_PASSWORD}, which wins when set. It is
 * sent (HTTP Basic, or in the query where it was given there) only to the server and user it was given
 * for, never to another host an index names.
 */
@Component
public class ImageServerCredentials {

    public static final String ENV_PASSWORD = "AMSH_IMAGE_SERVER_PASSWORD";
    static final String FILE_NAME = "image-server.credentials";

    private static final Pattern USER_AND_PASSWORD = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@:]*):([^/?#@]*)@(.*)$",
            Pattern.DOTALL);

    /**
     * A password in an http(s) URL's query ({@code ?password=x}, {@code &pwd=x}): the separator before it,
     * the parameter's name, its value, and the separator after it when another parameter follows.
     */
    private static final Pattern QUERY_PASSWORD = Pattern.compile("([?&])(password|passwd|pwd)=([^&#]*)(&)?",
            Pattern.CASE_INSENSITIVE);

    /** What may stand for a password in a URL's user information without percent-encoding. */
    private static final Pattern URL_PASSWORD = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=%-]*");
    private static final String ORIGIN = "origin";
    private static final String USER = "user";
    private static final String PASSWORD = "password";
    private static final String PARAMETER = "parameter";

    private final Path file;
    private final Environment environment;

    public ImageServerCredentials(CatalogLocation catalog, Environment environment) {
        this.file = catalog.userDataDirectory(System.getenv()).resolve(FILE_NAME);
        this.environment = environment;
    }

    /**
     * A typed location split into what the catalog may keep and the password it must not.
     *
     * @param parameter the query parameter the password was given in ({@code password=}), to be sent the
     *                  same way; empty for one in the user information, which is sent as HTTP Basic
     */
    record Typed(String location, Optional<String> password, Optional<String> parameter) {
    }

    /** @throws InvalidValueException when the password holds characters a URL must percent-encode */
    static Typed split(String typed) {
        Matcher query = QUERY_PASSWORD.matcher(typed);
        if (typed.regionMatches(true, 0, "http", 0, 4) && query.find()) {
            // The separator before it stays only where another parameter follows it.
            String rest = typed.substring(0, query.start()) + (query.group(4) != null ? query.group(1) : "")
                    + typed.substring(query.end());
            return new Typed(rest, Optional.of(query.group(3)), Optional.of(query.group(2)));
        }
        Matcher matcher = USER_AND_PASSWORD.matcher(typed);
        if (!matcher.matches()) {
            return new Typed(typed, Optional.empty(), Optional.empty());
        }
        if (!URL_PASSWORD.matcher(matcher.group(3)).matches()) {
            throw new InvalidValueException("the password in the URL holds characters a URL must percent-encode"
                    + " (write a space as %20); or set " + ENV_PASSWORD + " instead");
        }
        return new Typed(matcher.group(1) + matcher.group(2) + "@" + matcher.group(4), Optional.of(matcher.group(3)),
                Optional.empty());
    }

    /** Where the password for the image server at {@code location} comes from, for {@code image server show}. */
    String source(Location location) {
        Optional<Properties> kept = keptFor(location);
        if (user(location).isEmpty() && kept.map(k -> k.getProperty(PARAMETER)).isEmpty()) {
            return "none";
        }
        if (kept.isPresent() && environmentPassword().isPresent()) {
            return "from " + ENV_PASSWORD;
        }
        if (kept.isPresent() && kept.get().getProperty(PASSWORD) != null) {
            return "from " + file;
        }
        return "none (set " + ENV_PASSWORD + ", or give the password with 'image server set ... --password-stdin')";
    }

    /**
     * Records the server and user of a newly set location in the owner-only file, with the password typed
     * for it (or the one kept for the same server and user before). A location with neither a user nor a
     * query password removes the file: no other server may be sent a kept password.
     */
    void remember(Location location, Optional<String> password, Optional<String> parameter) {
        try {
            PrivateFiles.refuseLink(file);
            Optional<String> user = user(location);
            if (user.isEmpty() && parameter.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Optional<String> keep = password.or(() -> keptFor(location).map(kept -> kept.getProperty(PASSWORD)));
            PrivateFiles.ensurePrivateFile(file);
            String text = ORIGIN + "=" + origin(location.uri()) + "\n" + user.map(u -> USER + "=" + u + "\n").orElse("")
                    + parameter.map(p -> PARAMETER + "=" + p + "\n").orElse("")
                    + keep.map(p -> PASSWORD + "=" + p + "\n").orElse("");
            Files.writeString(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS);
        }
        catch (IOException e) {
            throw new FailedException("cannot keep the image server's password in " + file + ": " + e.getMessage());
        }
    }

    /** {@code Basic ...} for a location on the server and user the image server was set with; else empty. */
    Optional<String> authorization(Location location) {
        Optional<String> user = user(location);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return keptFor(location).filter(kept -> kept.getProperty(PARAMETER) == null).flatMap(this::password)
                .map(p -> "Basic " + Base64.getEncoder().encodeToString(
                        (decoded(user.get()) + ":" + decoded(p)).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The URL to ask for {@code location}: with the password back in its query where it was given there,
     * for that server and user only.
     */
    URI request(Location location) {
        Optional<Properties> kept = keptFor(location).filter(k -> k.getProperty(PARAMETER) != null);
        Optional<String> password = kept.flatMap(this::password);
        if (password.isEmpty()) {
            return location.uri();
        }
        String url = location.uri().toString();
        int fragment = url.indexOf('#');
        String head = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        return URI.create(head + (head.contains("?") ? "&" : "?") + kept.get().getProperty(PARAMETER) + "="
                + password.get() + tail);
    }

    private Optional<String> password(Properties kept) {
        return environmentPassword().or(() -> Optional.ofNullable(kept.getProperty(PASSWORD)));
    }

    private Optional<String> environmentPassword() {
        return Optional.ofNullable(environment.getProperty(ENV_PASSWORD)).filter(p -> !p.isEmpty())
                .map(ImageServerCredentials::encoded);
    }

    /** The file's entries, when they were written for this location's server and user. */
    private Optional<Properties> keptFor(Location location) {
        PrivateFiles.refuseLink(file);
        Properties kept = new Properties();
        try (StringReader reader = new StringReader(Files.readString(file))) {
            kept.load(reader);
        }
        catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new FailedException("cannot read the image server's password from " + file + ": " + e.getMessage());
        }
        boolean same = origin(location.uri()).equals(kept.getProperty(ORIGIN))
                && user(location).equals(Optional.ofNullable(kept.getProperty(USER)));
        return same ? Optional.of(kept) : Optional.empty();
    }

    private static Optional<String> user(Location location) {
        return location.isHttp() ? Optional.ofNullable(location.uri().getRawUserInfo()).filter(u -> !u.isEmpty())
                : Optional.empty();
    }

    private static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** The file keeps URL text (percent-encoded), which no {@link Properties} escape can disturb. */
    private static String encoded(String plain) {
        return URLEncoder.encode(plain, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decoded(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
