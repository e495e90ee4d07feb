package dev.amsh.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The floor a delete script is held to: a hand-written JDBC loop issuing the minimal statement for
 * each delete (one {@code DELETE FROM IMAGE} by name and type; the versions go by ON DELETE
 * CASCADE), on the same database, with no rules, locks or audit.
 */
final class DeleteFloor {

    private DeleteFloor() {
    }

    /**
     * Deletes the plain images with these indexes from an embedded catalog, committing after each
     * when {@code commitEach}, else once, and shuts its database down.
     *
     * @return the seconds the loop took (the database already booted)
     */
    static double run(Path catalogDirectory, List<Integer> plainIndexes, boolean commitEach) throws SQLException {
        double seconds;
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + catalogDirectory.resolve("db"))) {
            seconds = run(connection, plainIndexes, commitEach);
        }
        CatalogGenerator.shutDown(catalogDirectory);
        return seconds;
    }

    /** The same loop through {@code connection}, which finds the catalog's tables without a schema name. */
    static double run(Connection connection, List<Integer> plainIndexes, boolean commitEach) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM IMAGE WHERE NAME = ? AND TYPE = ?")) {
            long started = System.nanoTime();
            for (int index : plainIndexes) {
                delete.setString(1, CatalogShape.plainName(index));
                delete.setString(2, CatalogShape.plainType(index));
                if (delete.executeUpdate() != 1) {
                    throw new IllegalStateException("no image " + CatalogShape.plainName(index));
                }
                if (commitEach) {
                    connection.commit();
                }
            }
            connection.commit();
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
