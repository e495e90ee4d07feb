package dev.amsh.support;

import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogLocation;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar run as separate processes on one catalog, as operators in several terminals
 * run it. The machine may be loaded (parallel builds): every bound only detects a process that
 * never gets there.
 */
public final class AmshProcesses {

    public static final Path JAR = Path.of(System.getProperty("amsh.jar", "target/amsh.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    public static final Duration LIMIT = Duration.ofMinutes(10);
    /** How long a service a test starts outlives its last client: a test's services never outlast the run by long. */
    public static final Map<String, String> SERVICE_IDLE = Map.of("AMSH_SERVICE_IDLE", "30s");
    private static final Pattern SERVED_BY = Pattern.compile("served by pid (\\d+) ");

    private final List<String> catalogOptions;
    private final Map<String, String> environment;
    private final Path work;
    private final List<String> javaOptions = new ArrayList<>();

    public AmshProcesses(Path catalog, Path work) {
        this(List.of("--catalog", catalog.toString()), Map.of(), work);
    }

    private AmshProcesses(List<String> catalogOptions, Map<String, String> environment, Path work) {
        this.catalogOptions = catalogOptions;
        this.environment = new HashMap<>(SERVICE_IDLE);
        this.environment.putAll(environment);
        this.work = work;
    }

    /** Runs each command in its own process, as {@code --no-service} does when no service runs: the process owns the catalog. */
    public AmshProcesses inProcess() {
        environment.put("AMSH_SERVICE", "off");
        return this;
    }

    /** Adds to the environment of the processes started afterwards. */
    public AmshProcesses withEnvironment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The pid of the catalog's service, as {@code serve --status} names it; empty when none runs. */
    public Optional<Long> servicePid() throws Exception {
        Run status = run("serve", "--status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        Matcher served = SERVED_BY.matcher(status.out());
        return served.find() ? Optional.of(Long.parseLong(served.group(1))) : Optional.empty();
    }

    /** One command on a pseudo-terminal, as an operator runs it in a terminal: it can be asked questions. */
    public Running onTerminal(String... words) throws IOException {
        String line = "stty cols 120 rows 40; exec " + String.join(" ", command(words).stream()
                .map(AmshProcesses::quoted).toList());
        ProcessBuilder builder = builder(List.of("script", "-qfec", line, "/dev/null"));
        builder.environment().put("TERM", "xterm");
        return new Running(builder.start(), "\r");
    }

    /**
     * On the catalog at {@code location}: a directory by {@code --catalog}, a server's by
     * {@code --catalog-url} with the user and password in the environment, as operators pass them.
     */
    public static AmshProcesses on(CatalogLocation location, Optional<CatalogCredentials> credentials, Path work) {
        if (location.isEmbedded()) {
            return new AmshProcesses(location.directory().orElseThrow(), work);
        }
        CatalogCredentials user = credentials.orElseThrow();
        return new AmshProcesses(List.of("--catalog-url", location.jdbcUrl().orElseThrow()),
                Map.of(CatalogCredentials.ENV_USER, user.user(), CatalogCredentials.ENV_PASSWORD, user.password()), work);
    }

    /** Adds JVM options (such as {@code -Damsh.catalog.lock-timeout=3s}) to the processes started afterwards. */
    public AmshProcesses withJavaOptions(String... options) {
        javaOptions.addAll(List.of(options));
        return this;
    }

    public record Run(int exitCode, String out, String err) {
    }

    /** Runs one command to its end. */
    public Run run(String... words) throws Exception {
        return start(words).finish();
    }

    /** Starts one command, its stdin closed. */
    public Running start(String... words) throws IOException {
        Process process = builder(command(words)).start();
        process.getOutputStream().close();
        return new Running(process, "\n");
    }

    /**
     * A REPL with its standard input and output piped (no terminal): it reads commands until exit.
     *
     * @param globalOptions typed before the (absent) command, such as {@code --debug}
     */
    public Running pipedShell(String... globalOptions) throws IOException {
        return new Running(builder(command(globalOptions)).start(), "\n");
    }

    /** A REPL on a pseudo-terminal, as an operator types into it: {@code script} gives it one. */
    public Running terminalShell() throws IOException {
        // script's pty has no size when its own stdin is no terminal; JLine would then draw the prompt as "...".
        String shell = "stty cols 120 rows 40; exec " + String.join(" ", command().stream().map(AmshProcesses::quoted)
                .toList());
        ProcessBuilder builder = builder(List.of("script", "-qfec", shell, "/dev/null"));
        builder.environment().put("TERM", "xterm");
        // A terminal's Enter key sends a carriage return.
        return new Running(builder.start(), "\r");
    }

    /**
     * An executable {@code amsh} in {@code bin} that runs this jar on this catalog with this environment,
     * as an installed amsh on the PATH does for bash's and zsh's completion.
     */
    public Path onPath(Path bin) throws IOException {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        environment.forEach((name, value) -> script.append("export ").append(name).append('=').append(quoted(value))
                .append('\n'));
        script.append("exec ").append(String.join(" ", command().stream().map(AmshProcesses::quoted).toList()))
                .append(" \"$@\"\n");
        Path amsh = Files.writeString(bin.resolve("amsh"), script);
        Files.setPosixFilePermissions(amsh, PosixFilePermissions.fromString("rwx------"));
        return amsh;
    }

    private List<String> command(String... words) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(catalogOptions);
        command.addAll(List.of(words));
        return command;
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().putAll(environment);
        return builder;
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The jar run with {@code arguments} in {@code work}, its standard input empty. It takes no
     * catalog from this JVM's environment; {@code environment} is added to what it inherits.
     */
    public static ProcessBuilder jar(Path work, Map<String, String> environment, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().remove("AMSH_CATALOG");
        builder.environment().remove("AMSH_CATALOG_URL");
        builder.environment().putAll(SERVICE_IDLE);
        builder.environment().putAll(environment);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        return builder;
    }

    /** Runs the jar (see {@link #jar}) to its end, failing when it takes longer than {@code limit}. */
    public static Run runJar(Path work, Map<String, String> environment, Duration limit, List<String> arguments)
            throws Exception {
        Path out = Files.createTempFile(work, "amsh", ".out");
        Path err = Files.createTempFile(work, "amsh", ".err");
        Process process = jar(work, environment, arguments).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        try {
            assertThat(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)).as("amsh %s ends", arguments).isTrue();
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally {
            process.destroyForcibly();
        }
    }

    /**
     * This JVM's class path without its empty entries, for a JVM of the test's own making: Surefire ends
     * it with one, which a JVM reads as the working directory, and the project's directory has the
     * changelog at a class path location too.
     */
    public static String testClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    /** Waits until {@code condition} holds, failing after the limit. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited for: " + what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /** A started amsh process; its outputs are collected as they come. */
    public static final class Running {

        private final Process process;
        private final String enter;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process, String enter) {
            this.process = process;
            this.enter = enter;
            this.outReader = collect(process.getInputStream(), out);
            this.errReader = collect(process.getErrorStream(), err);
        }

        private static Thread collect(InputStream stream, StringBuffer into) {
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (stream) {
                    for (int n; (n = stream.read(buffer)) > 0; ) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
                catch (IOException ended) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            return reader;
        }

        public void type(String line) throws IOException {
            OutputStream in = process.getOutputStream();
            in.write((line + enter).getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        public String out() {
            return out.toString();
        }

        public String err() {
            return err.toString();
        }

        /** Waits until the output (stdout) satisfies {@code condition}. */
        public void awaitOut(String what, Predicate<String> condition) {
            await(what + "; output so far: " + out() + err(), () -> condition.test(out()) || !process.isAlive());
            assertThat(condition.test(out())).as(what + "; output: " + out() + "; errors: " + err()).isTrue();
        }

        public Process process() {
            return process;
        }

        /** Waits for the end and returns what it printed. */
        public Run finish() throws Exception {
            try {
                assertThat(process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("amsh ends; " + out() + err())
                        .isTrue();
                outReader.join();
                errReader.join();
                return new Run(process.exitValue(), out(), err());
            }
            finally {
                process.destroyForcibly();
            }
        }

        /** Ends whatever is left of it (a test that failed half-way). */
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
