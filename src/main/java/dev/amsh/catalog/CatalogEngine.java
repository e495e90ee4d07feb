package dev.amsh.catalog;

/** The database a catalog lives in, known from its location alone (no connection needed). */
public enum CatalogEngine {
    DERBY,
    POSTGRESQL;

    public static CatalogEngine of(CatalogLocation location) {
        return location.jdbcUrl().filter(url -> url.startsWith("jdbc:postgresql:")).isPresent() ? POSTGRESQL : DERBY;
    }
}
