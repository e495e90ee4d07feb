package dev.amsh.catalog;

import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who amsh connects to a catalog's database server as. The user and password come from the
 * environment, else from an owner-only file in amsh's configuration directory, else from the
 * operator at a terminal; never from the catalog URL, which is shown back in messages.
 */
public record CatalogCredentials(String user, String password) {

    public static final String ENV_USER = "AMSH_CATALOG_USER";
    public static final String ENV_PASSWORD = "AMSH_CATALOG_PASSWORD";
    static final String FILE_NAME = "catalog.credentials";

    /** A user or password attribute of a JDBC URL: {@code ;user=} (Derby) or {@code ?user=}, {@code &password=}. */
    private static final Pattern IN_URL = Pattern.compile("(?i)[;?&]\\s*(user|password)\\s*=");
    private static final Set<PosixFilePermission> OTHERS_MAY_READ = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** The operator's terminal, when amsh has one: a line, and a password read without echo. */
    public interface Terminal {

        String readLine(String prompt);

        char[] readPassword(String prompt);
    }

    /**
     * The credentials for the catalog at {@code jdbcUrl}: each of user and password from the environment,
     * else the file, else (the password of a PostgreSQL catalog) PostgreSQL's password file, else asked
     * on the terminal.
     *
     * @throws InvalidValueException when the URL itself carries a user or password
     * @throws CatalogUnavailableException when a file cannot be trusted, or a user or password is missing
     */
    public static CatalogCredentials resolve(String jdbcUrl, Map<String, String> env, Optional<Terminal> terminal) {
        refuseInUrl(jdbcUrl);
        Path file = file(env);
        Optional<String> user = nonEmpty(env.get(ENV_USER));
        Optional<String> password = nonEmpty(env.get(ENV_PASSWORD));
        if (user.isEmpty() || password.isEmpty()) {
            Map<String, String> kept = read(file);
            user = user.or(() -> nonEmpty(kept.get("user")));
            password = password.or(() -> nonEmpty(kept.get("password")));
        }
        String catalog = Texts.visible(Secrets.redact(jdbcUrl));
        if (terminal.isPresent()) {
            user = user.or(() -> nonEmpty(terminal.get().readLine("user for catalog " + catalog + ": ")));
        }
        boolean postgres = CatalogEngine.of(CatalogLocation.server(jdbcUrl)) == CatalogEngine.POSTGRESQL;
        if (postgres && user.isPresent() && password.isEmpty()) {
            password = PgPassFile.password(jdbcUrl, user.get(), env);
        }
        if (terminal.isPresent() && user.isPresent()) {
            String asked = user.get();
            password = password.or(() -> Optional.ofNullable(terminal.get().readPassword(
                    "password of " + asked + " for catalog " + catalog + ": ")).map(String::new)
                    .flatMap(CatalogCredentials::nonEmpty));
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new CatalogUnavailableException("catalog " + Secrets.redact(jdbcUrl) + " needs a user and a password:"
                    + " set " + ENV_USER + " and " + ENV_PASSWORD + ", or write two lines in " + file
                    + " (chmod 600): user= followed by the user name, password= followed by the password" + (postgres ? ", or a hostname:port:database:username:password line in "
                    + PgPassFile.location(env) + " (chmod 600)" : ""));
        }
        return new CatalogCredentials(user.get(), password.get());
    }

    /** {@code $XDG_CONFIG_HOME/amsh/catalog.credentials}, by default under {@code ~/.config}. */
    static Path file(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path configHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return configHome.resolve("amsh").resolve(FILE_NAME);
    }

    /** @throws InvalidValueException when the URL carries a user or a password */
    static void refuseInUrl(String jdbcUrl) {
        if (IN_URL.matcher(jdbcUrl).find()) {
            throw new InvalidValueException("catalog URL " + Secrets.redact(jdbcUrl) + " names a user or password:"
                    + " remove them from the URL and set " + ENV_USER + " and " + ENV_PASSWORD + " instead");
        }
    }

    /** The file's {@code user=} and {@code password=} lines, each value taken as written; none when it is missing. */
    private static Map<String, String> read(Path file) {
        try {
            requirePrivate(file);
            Map<String, String> entries = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                int equals = line.indexOf('=');
                if (equals > 0 && !line.startsWith("#")) {
                    entries.putIfAbsent(line.substring(0, equals).strip(), line.substring(equals + 1));
                }
            }
            return entries;
        }
        catch (NoSuchFileException missing) {
            return Map.of();
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot read catalog credentials from " + file + ": "
                    + PrivateFiles.reason(e));
        }
    }

    /**
     * Checked as ssh checks a key file: a link, another user's file or one that others may read or
     * write is refused, not used.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws CatalogUnavailableException when the file cannot be trusted with a password
     */
    static void requirePrivate(Path file) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw PrivateFiles.linkRefused(file);
        }
        if (!attributes.isRegularFile()) {
            throw new CatalogUnavailableException(file + " is not a regular file; amsh reads catalog credentials"
                    + " only from a regular file");
        }
        int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != CatalogDirectory.currentUid()) {
            throw new CatalogUnavailableException(file + " belongs to user " + owner + ", not to you: amsh reads"
                    + " catalog credentials only from its operator's own file");
        }
        if (attributes.permissions().stream().anyMatch(OTHERS_MAY_READ::contains)) {
            throw new CatalogUnavailableException(file + " may be read or written by other users; fix it with:"
                    + " chmod 600 " + file);
        }
    }

    private static Optional<String> nonEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    /** The password never shows, not even in a debugger's or a log's view of this record. */
    @Override
    public String toString() {
        return "CatalogCredentials[user=" + user + ", password=" + Secrets.MASK + "]";
    }
}
