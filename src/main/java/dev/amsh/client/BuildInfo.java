package dev.amsh.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** The jar ./amsh starts the client from (see pom.xml): its classes and nothing else on the class path. */
    private static final String CLIENT_JAR = "amsh-client.jar";
    /** This file's copy beside the client's jar. */
    private static final String CLIENT_BUILD_FILE = "amsh-client.properties";

    /** This build, read once: a client asks for it on its second thread as it starts, and again to say hello. */
    public static BuildInfo current() {
        return ThisBuild.READ;
    }

    private static final class ThisBuild {
        static final BuildInfo READ = read();
    }

    private static BuildInfo read() {
        Properties properties = new Properties();
        try (InputStream in = open()) {
            if (in != null) {
                properties.load(in);
            }
        }
        catch (IOException unreadable) {
            // a build without the file is described as unknown
        }
        return new BuildInfo(value(properties, "version"), value(properties, "commit"), value(properties, "time"));
    }

    /**
     * The file: beside the client's own jar when it runs from one (the build writes it there too), since
     * opening the jar to read it, or a resource's URL, would cost milliseconds of every one-shot and every
     * Tab; else the resource.
     */
    private static InputStream open() throws IOException {
        Path classPath = Path.of(System.getProperty("java.class.path", ""));
        if (classPath.getFileName() != null && classPath.getFileName().toString().equals(CLIENT_JAR)) {
            Path beside = classPath.resolveSibling(CLIENT_BUILD_FILE);
            if (Files.isRegularFile(beside)) {
                return Files.newInputStream(beside);
            }
        }
        return BuildInfo.class.getResourceAsStream(RESOURCE);
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
