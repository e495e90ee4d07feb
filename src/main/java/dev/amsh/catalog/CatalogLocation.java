package dev.amsh.catalog;

import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.Secrets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the catalog lives. An embedded catalog is a directory that amsh owns: the Derby
 * database, its log, the shell history and the lock that keeps a second process out.
 * A catalog URL names a shared catalog on a database server instead.
 */
public record CatalogLocation(Optional<Path> directory, Optional<String> jdbcUrl) {

    public static final String ENV_DIRECTORY = "AMSH_CATALOG";
    public static final String ENV_URL = "AMSH_CATALOG_URL";
    /** The REPL's history, in {@link #userDataDirectory}. */
    public static final String HISTORY_FILE = "history";

    public static CatalogLocation embedded(Path directory) {
        return new CatalogLocation(Optional.of(directory.toAbsolutePath().normalize()), Optional.empty());
    }

    public static CatalogLocation server(String jdbcUrl) {
        return new CatalogLocation(Optional.empty(), Optional.of(jdbcUrl));
    }

    /**
     * The command line beats the environment, as in docker, psql or kubectl: {@code --catalog},
     * then {@code --catalog-url}, then {@code AMSH_CATALOG} or {@code AMSH_CATALOG_URL}, then
     * the XDG data folder. Both variables set, with no option to choose, is an error: a local
     * catalog silently standing in for the team's is worse than a refusal.
     *
     * @throws InvalidValueException when both variables are set and no option chooses
     */
    public static CatalogLocation resolve(Map<String, String> env, Optional<String> catalogOption,
            Optional<String> catalogUrlOption) {
        if (catalogOption.isPresent()) {
            return embedded(Path.of(catalogOption.get()));
        }
        if (catalogUrlOption.isPresent()) {
            return server(catalogUrlOption.get());
        }
        String envDir = env.get(ENV_DIRECTORY);
        String envUrl = env.get(ENV_URL);
        if (envDir != null && !envDir.isBlank() && envUrl != null && !envUrl.isBlank()) {
            throw new InvalidValueException("both " + ENV_DIRECTORY + " and " + ENV_URL + " are set: unset one, or"
                    + " choose with --catalog DIR or --catalog-url URL");
        }
        if (envDir != null && !envDir.isBlank()) {
            return embedded(Path.of(envDir));
        }
        if (envUrl != null && !envUrl.isBlank()) {
            return server(envUrl);
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path dataHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return embedded(dataHome.resolve("amsh").resolve("catalog"));
    }

    public boolean isEmbedded() {
        return directory.isPresent();
    }

    public Path historyFile(Map<String, String> env) {
        return userDataDirectory(env).resolve(HISTORY_FILE);
    }

    /** Where per-user files go: beside the embedded catalog, or in the XDG state folder for a server. */
    public Path userDataDirectory(Map<String, String> env) {
        return directory.orElseGet(() -> {
            String xdg = env.get("XDG_STATE_HOME");
            Path stateHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".local", "state");
            return stateHome.resolve("amsh");
        });
    }

    /** The directory or the URL, its password masked: fit for any message. */
    public String describe() {
        return directory.map(Path::toString).orElseGet(() -> Secrets.redact(jdbcUrl.orElseThrow()));
    }
}
