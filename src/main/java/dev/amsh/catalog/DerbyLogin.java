package dev.amsh.catalog;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The Derby user and password of a catalog while an amsh process owns it. The password is new
 * each time a process takes the catalog over and lives only in its memory and the 0600 service
 * file. The user is {@code APP}, whose default schema is the catalog's own.
 *
 * @param user     the Derby user
 * @param password the password, never printed
 */
public record DerbyLogin(String user, String password) {

    static final String USER = "APP";

    static DerbyLogin random() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new DerbyLogin(USER, HexFormat.of().formatHex(secret));
    }

    @Override
    public String toString() {
        return "DerbyLogin[" + user + ", ***]";
    }
}
