package dev.amsh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs amsh as an operator does, in its own process: through the launcher script at the top of
 * the repository (or the jar where there is none) and as the plain fat jar, timed by the wall clock.
 */
final class Tools {

    static final String NO_SERVICE_VARIABLE = "AMSH_SERVICE";
    /** The environment of a command that goes through the catalog's service, starting it when none runs. */
    static final Map<String, String> THROUGH_THE_SERVICE = Map.of(NO_SERVICE_VARIABLE, "on");

    /** GNU time's format: the peak resident set of the process it ran, in KiB. */
    static final String MAX_RSS_FORMAT = "max-rss-kb=%M";
    private static final Pattern MAX_RSS = Pattern.compile("max-rss-kb=(\\d+)");

    /** What a finished process did. */
    record Run(int exitCode, long wallNanos, String err) {

        double seconds() {
            return wallNanos / 1e9;
        }

        String errTail() {
            return err.length() <= 2000 ? err : err.substring(err.length() - 2000);
        }

        /** The peak RSS in MiB that {@code /usr/bin/time -f max-rss-kb=%M} reported on stderr. */
        double maxRssMiB() {
            Matcher m = MAX_RSS.matcher(err);
            double kib = -1;
            while (m.find()) {
                kib = Long.parseLong(m.group(1));
            }
            if (kib < 0) {
                throw new IllegalStateException("no max RSS in: " + errTail());
            }
            return kib / 1024;
        }
    }

    private final Path jar;
    private final Path launcher;
    private final Path work;

    Tools(Path jar, Path launcher, Path work) {
        this.jar = jar;
        this.launcher = launcher;
        this.work = work;
    }

    Path jar() {
        return jar;
    }

    boolean hasLauncher() {
        return Files.isExecutable(launcher);
    }

    /** amsh as operators start it: {@code ./amsh}, else the jar. */
    List<String> amsh(String... args) {
        List<String> command = new ArrayList<>(hasLauncher() ? List.of(launcher.toString())
                : List.of("java", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    String amshName() {
        return hasLauncher() ? "./amsh" : "java -jar target/amsh.jar";
    }

    /** The baseline: the same code as a plain fat jar with the JVM's default flags. */
    List<String> plainJar(String... args) {
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** The command under GNU time, which reports its peak RSS on stderr. */
    static List<String> measuringMaxRss(List<String> command) {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", MAX_RSS_FORMAT));
        timed.addAll(command);
        return timed;
    }

    /** Runs to the end, stdout to {@code stdoutFile} (or discarded when null), stderr kept. */
    Run run(List<String> command, Path stdoutFile) {
        return run(command, Map.of(), stdoutFile);
    }

    /** Runs to the end with {@code environment} added to its own, stdout to {@code stdoutFile} (or discarded when null). */
    Run run(List<String> command, Map<String, String> environment, Path stdoutFile) {
        try {
            Path errFile = Files.createTempFile(work, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdoutFile == null ? ProcessBuilder.Redirect.DISCARD
                            : ProcessBuilder.Redirect.to(stdoutFile.toFile()));
            withoutCatalogEnvironment(builder);
            // Each command in its own process, as these parts have always measured amsh, unless a part asks for
            // the service (the service part): no service is left holding a cached catalog.
            builder.environment().put(NO_SERVICE_VARIABLE, "off");
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            int code = builder.start().waitFor();
            long wall = System.nanoTime() - started;
            String err = Files.readString(errFile, StandardCharsets.UTF_8);
            Files.delete(errFile);
            return new Run(code, wall, err);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and fails the benchmark when the command does. */
    Run runOk(List<String> command, Path stdoutFile) {
        return runOk(command, Map.of(), stdoutFile);
    }

    Run runOk(List<String> command, Map<String, String> environment, Path stdoutFile) {
        Run run = run(command, environment, stdoutFile);
        if (run.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + run.exitCode() + ": "
                    + run.errTail());
        }
        return run;
    }

    /** The catalog is always named by --catalog: an inherited AMSH_CATALOG would win over it. */
    static void withoutCatalogEnvironment(ProcessBuilder builder) {
        builder.environment().remove("AMSH_CATALOG");
        builder.environment().remove("AMSH_CATALOG_URL");
    }
}
