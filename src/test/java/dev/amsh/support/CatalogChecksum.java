package dev.amsh.support;

import dev.amsh.transfer.CatalogTransfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The content of a catalog as one SHA-256 per table: every column of every row, in key order, each value
 * written as the same text on every database, so that two catalogs holding the same rows agree whatever
 * their engines. For tests and the benchmark suite's round trips through {@code catalog export} and
 * {@code catalog import}.
 */
public final class CatalogChecksum {

    private CatalogChecksum() {
    }

    /** Each table's checksum, read through {@code connection} (which finds the tables without a schema name). */
    public static Map<String, String> of(Connection connection) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> table : CatalogTransfer.TABLES.entrySet()) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT * FROM " + table.getKey() + " ORDER BY " + table.getValue())) {
                    sums.put(table.getKey(), checksum(rows));
                }
            }
        }
        return sums;
    }

    private static String checksum(ResultSet rows) throws SQLException {
        MessageDigest sha256 = sha256();
        ResultSetMetaData meta = rows.getMetaData();
        while (rows.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = switch (meta.getColumnType(i)) {
                    case Types.TIMESTAMP -> rows.getTimestamp(i) == null ? null : rows.getTimestamp(i).toLocalDateTime();
                    case Types.BOOLEAN, Types.BIT -> rows.getObject(i) == null ? null : rows.getBoolean(i);
                    case Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rows.getObject(i) == null ? null : rows.getLong(i);
                    default -> rows.getString(i);
                };
                sha256.update((meta.getColumnName(i).toUpperCase(Locale.ROOT) + "=" + value + "\u0000")
                        .getBytes(StandardCharsets.UTF_8));
            }
            sha256.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
