package dev.amsh.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A fresh copy of a generated catalog, for one run that changes it; closing it discards it. */
interface CatalogCopy extends AutoCloseable {

    /** Where fresh copies of a shape come from: the catalog cache (embedded Derby), or a database server. */
    @FunctionalInterface
    interface Source {
        CatalogCopy freshCopy(CatalogShape shape, String purpose);
    }

    /** The options that name it on amsh's command line. */
    List<String> amshOptions();

    /** What amsh's environment needs besides: a server catalog's user and password. */
    Map<String, String> environment();

    /** The JDBC floor ({@link DeleteFloor}) on this copy. */
    double deleteFloor(List<Integer> plainIndexes, boolean commitEach) throws SQLException;

    @Override
    void close();

    /** A copy of a cached embedded catalog, in a directory of its own. */
    static CatalogCopy embedded(Path directory) {
        return new CatalogCopy() {
            @Override
            public List<String> amshOptions() {
                return List.of("--catalog", directory.toString());
            }

            @Override
            public Map<String, String> environment() {
                return Map.of();
            }

            @Override
            public double deleteFloor(List<Integer> plainIndexes, boolean commitEach) throws SQLException {
                return DeleteFloor.run(directory, plainIndexes, commitEach);
            }

            @Override
            public void close() {
                Catalogs.deleteTree(directory);
            }
        };
    }
}
