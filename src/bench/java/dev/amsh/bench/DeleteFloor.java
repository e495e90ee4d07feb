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
 * CASCADE), on the same embedded Derby, with no rules, locks or audit.
 */
final class DeleteFloor {

    private DeleteFloor() {
    }

    /**
     * Deletes the plain images with these indexes, committing after each when {@code commitEach}, else once.
     *
     * @return the seconds the loop took (the database already booted)
     */
    static double run(Path catalogDirectory, List<Integer> plainIndexes, boolean commitEach) throws SQLException {
        double seconds;
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + catalogDirectory.resolve("db"))) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM IMAGE WHERE NAME = ? AND TYPE = ?")) {
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
                seconds = (System.nanoTime() - started) / 1e9;
            }
        }
        CatalogGenerator.shutDown(catalogDirectory);
        return seconds;
    }
}
