package dev.amsh.catalog;

import org.postgresql.Driver;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * PostgreSQL's password file, as psql and libpq read it: {@code PGPASSFILE}, else {@code ~/.pgpass},
 * its {@code hostname:port:database:username:password} lines matched by the PostgreSQL driver's own
 * parser. Where libpq ignores a file that others may read, amsh refuses it, as it refuses a loose
 * credentials file.
 */
final class PgPassFile {

    static final String ENV_FILE = "PGPASSFILE";
    /** The driver's own setting for the file; it comes before {@code PGPASSFILE} there too. */
    private static final String DRIVER_PROPERTY = "org.postgresql.pgpassfile";

    private PgPassFile() {
    }

    /** Where the driver looks for the file, given this environment. */
    static Path location(Map<String, String> env) {
        String property = System.getProperty(DRIVER_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = env.get(ENV_FILE);
        return variable != null && !variable.isBlank() ? Path.of(variable)
                : Path.of(System.getProperty("user.home"), ".pgpass");
    }

    /**
     * The file's password for {@code user} at the catalog {@code jdbcUrl} (host, port and database as
     * the driver reads them from the URL), if the file has a line for them.
     *
     * @throws CatalogUnavailableException when the file cannot be trusted with a password
     */
    static Optional<String> password(String jdbcUrl, String user, Map<String, String> env) {
        Path file = location(env);
        try {
            CatalogCredentials.requirePrivate(file);
        }
        catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot read " + file + ": " + PrivateFiles.reason(e));
        }
        Properties given = new Properties();
        given.setProperty("user", user);
        // The driver reads the file named by its setting, else by the process's own PGPASSFILE: the file checked above.
        String setBefore = System.getProperty(DRIVER_PROPERTY);
        System.setProperty(DRIVER_PROPERTY, file.toString());
        try {
            Properties parsed = Driver.parseURL(jdbcUrl, given);
            return Optional.ofNullable(parsed).map(found -> found.getProperty("password")).filter(p -> !p.isEmpty());
        }
        finally {
            if (setBefore == null) {
                System.clearProperty(DRIVER_PROPERTY);
            }
            else {
                System.setProperty(DRIVER_PROPERTY, setBefore);
            }
        }
    }
}
