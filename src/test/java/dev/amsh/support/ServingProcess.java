package dev.amsh.support;

import dev.amsh.Launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code amsh serve} on a new private catalog, in a JVM of its own made from this one's class path:
 * the catalog's owner for tests whose sessions attach to it from this JVM. It runs until this JVM
 * exits, then hands the catalog over as SIGTERM makes it.
 */
public final class ServingProcess {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private ServingProcess() {
    }

    /** Starts the server and returns its catalog directory once it serves the catalog. */
    static Path start() throws IOException {
        Path catalog = Files.createTempDirectory("amsh-test-served",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Process process = new ProcessBuilder(JAVA.toString(), "-cp", classPath(), Launcher.class.getName(), "--catalog", catalog.toString(), "serve").start();
        process.getOutputStream().close();
        AmshProcesses.Running server = new AmshProcesses.Running(process, "\n");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
        server.awaitOut("amsh serve serving " + catalog, out -> out.contains("serving catalog"));
        return catalog;
    }

    /**
     * This JVM's class path without its empty entries: Surefire ends it with one, which a JVM reads as the
     * working directory, and the project's directory has the changelog at a class path location too.
     */
    public static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).collect(Collectors.joining(File.pathSeparator));
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
