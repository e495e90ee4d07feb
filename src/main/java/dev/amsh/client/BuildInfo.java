package dev.amsh.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build of amsh this is, as {@code mvn package} recorded it: the version, the commit it was
 * built from and when. A client talks only to a service of its own build.
 *
 * @param version the project's version
 * @param commit  the commit, or {@code unknown} outside a git checkout
 * @param time    when it was built
 */
public record BuildInfo(String version, String commit, String time) {

    private static final String RESOURCE = "/dev/amsh/build.properties";

    public static BuildInfo current() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException unreadable) {
            // a build without the file is described as unknown
        }
        return new BuildInfo(value(properties, "version"), value(properties, "commit"), value(properties, "time"));
    }

    private static String value(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.startsWith("${") ? "unknown" : value;
    }

    /** What the handshake compares: two builds differ when any of these does. */
    public String identity() {
        return version + " " + commit + " " + time;
    }

    /** {@code 0.1.0-SNAPSHOT (commit 1a2b3c4, built 2026-12-06T21:00:00Z)}. */
    public String describe() {
        return version + " (commit " + commit + ", built " + time + ")";
    }
}
