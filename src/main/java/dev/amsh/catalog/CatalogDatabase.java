package dev.amsh.catalog;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * The Derby database of an embedded catalog. A new one is built beside the catalog and moved
 * into place only once its schema is complete, so a first run killed half-way leaves nothing
 * that stops the next one.
 */
final class CatalogDatabase {

    static final String DATABASE_DIRECTORY = "db";
    static final String CREATING_DIRECTORY = "db.creating";
    static final String LOG_FILE = "derby.log";
    /** Derby writes it last when it creates a database; a database directory without it never finished. */
    private static final String DERBY_SERVICE_FILE = "service.properties";

    private CatalogDatabase() {
    }

    /**
     * The data source of the catalog's database, created first if the catalog has none.
     * The caller holds the catalog lock, so nobody else is creating it meanwhile.
     */
    static DataSource open(Path catalog) {
        Path database = catalog.resolve(DATABASE_DIRECTORY);
        try {
            PrivateFiles.refuseLink(database);
            if (!Files.exists(database, LinkOption.NOFOLLOW_LINKS)) {
                create(catalog, database);
            }
            else if (!Files.isRegularFile(database.resolve(DERBY_SERVICE_FILE), LinkOption.NOFOLLOW_LINKS)) {
                throw new CatalogUnavailableException("its database " + database + " was never finished (the first"
                        + " run of an older amsh was interrupted) and holds nothing: remove it (rm -r " + database
                        + ") and run amsh again");
            }
        }
        catch (IOException e) {
            throw new CatalogUnavailableException("cannot create its database " + database + ": "
                    + PrivateFiles.reason(e));
        }
        return new DriverManagerDataSource(url(database));
    }

    static String url(Path database) {
        return "jdbc:derby:" + database;
    }

    private static void create(Path catalog, Path database) throws IOException {
        Path creating = catalog.resolve(CREATING_DIRECTORY);
        // Left by a first run that was killed, if there: nobody else can be creating it while we hold the lock.
        PrivateFiles.deleteTree(creating);
        CatalogSchema.ensureCurrent(new FixedSchemaDataSource(new DriverManagerDataSource(url(creating) + ";create=true")));
        shutDown(creating);
        Files.move(creating, database, StandardCopyOption.ATOMIC_MOVE);
    }

    static void shutDown(Path database) {
        try {
            new DriverManagerDataSource(url(database) + ";shutdown=true").getConnection().close();
        }
        catch (SQLException expected) {
            // Derby reports a successful database shutdown as SQLState 08006.
        }
    }
}
