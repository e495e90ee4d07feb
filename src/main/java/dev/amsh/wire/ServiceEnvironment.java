package dev.amsh.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The variables a command run by the service takes from the service's environment, which is that of
 * the client that started it, not from its own client's. A client sends what it holds of them as
 * digests, never the values; one that sets a different value is told so, rather than having its
 * command run with another.
 */
public final class ServiceEnvironment {

    public static final List<String> VARIABLES = List.of("AMSH_IMAGE_SERVER_PASSWORD");

    private ServiceEnvironment() {
    }

    /** A digest of each variable's value, in the order of {@link #VARIABLES}; empty where it is not set. */
    public static List<String> digests(Map<String, String> env) {
        List<String> digests = new ArrayList<>();
        for (String name : VARIABLES) {
            String value = env.get(name);
            digests.add(value == null || value.isEmpty() ? "" : digest(value));
        }
        return digests;
    }

    /** The variables the client sets to another value than the service holds. */
    public static List<String> setOtherwise(List<String> client, List<String> service) {
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < VARIABLES.size() && i < client.size(); i++) {
            if (!client.get(i).isEmpty() && !client.get(i).equals(service.get(i))) {
                differing.add(VARIABLES.get(i));
            }
        }
        return differing;
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
