package dev.amsh.client;

import dev.amsh.catalog.CatalogDirectory;
import dev.amsh.catalog.PrivateFiles;
import dev.amsh.vocabulary.Texts;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.Payload;
import dev.amsh.wire.ServiceSocket;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A client's connection to its catalog's service, made by {@link #open}: to the service that
 * runs, or to one it starts in the background when none does (as gpg-agent or the Gradle daemon
 * are started), its output going to {@code service.log} in the catalog's directory.
 */
public final class ServiceLink implements AutoCloseable {

    /** How long a service may take to start: a first run builds the database; another process may hold the lock. */
    private static final Duration START_LIMIT = Duration.ofSeconds(120);
    private static final Duration SAY_STARTING_AFTER = Duration.ofSeconds(1);
    /** A service log is started afresh beyond this size. */
    private static final long LOG_LIMIT = 1 << 20;
    /** The command (its words after the shell's own) in the background, its output to the log, then its pid. */
    private static final String IN_THE_BACKGROUND = "\"$@\" >&2 & echo $!";

    private final FrameChannel channel;
    private final long servicePid;

    private ServiceLink(FrameChannel channel, long servicePid) {
        this.channel = channel;
        this.servicePid = servicePid;
    }

    public FrameChannel channel() {
        return channel;
    }

    public long servicePid() {
        return servicePid;
    }

    /**
     * Connects to the catalog's service if one of this build runs.
     *
     * @return empty when none runs, or the one that runs is of another build (it then makes way)
     * @throws IOException when its socket cannot be trusted
     */
    public static Optional<ServiceLink> connect(Path catalog) throws IOException {
        return connect(catalog, retiredBuild -> {
        });
    }

    /** As {@link #connect(Path)}, telling {@code retired} the build of a service that stepped aside for this one. */
    public static Optional<ServiceLink> connect(Path catalog, Consumer<String> retired) throws IOException {
        Path socket = ServiceSocket.of(catalog);
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<SocketChannel> connected = ServiceSocket.connect(socket);
            if (connected.isEmpty()) {
                return Optional.empty();
            }
            FrameChannel channel = new FrameChannel(connected.get());
            try {
                // The pid field stays for the services of earlier builds, which read it before they step
                // aside; this build's service asks the kernel, so none is looked up here.
                channel.write(Frame.of(FrameType.HELLO, new Payload().putInt(FrameChannel.PROTOCOL)
                        .putString(BuildInfo.current().identity()).putLong(0)));
                Frame reply = channel.read();
                if (reply.type() == FrameType.WELCOME) {
                    Payload.Reader fields = reply.read();
                    fields.getString();
                    return Optional.of(new ServiceLink(channel, fields.getLong()));
                }
                channel.close();
                if (reply.type() == FrameType.RETIRING) {
                    // An older build's service finishes its commands and goes; this build starts its own.
                    awaitGone(socket);
                    retired.accept(reply.read().getString());
                    return Optional.empty();
                }
                throw new IOException("the service answered " + reply.type() + " to hello");
            }
            catch (EOFException stopping) {
                // it was stopping as we came: try once more, then start one
                channel.close();
            }
        }
        return Optional.empty();
    }

    /**
     * Connects to the catalog's service, starting one in the background when none runs.
     *
     * @param catalog        the directory of the service's socket and log
     * @param catalogName    the catalog, as the operator knows it
     * @param serviceCommand the command line that runs a service of this build, asked for only when one is started
     * @throws IOException when no service could be started or reached
     */
    public static ServiceLink open(Path catalog, String catalogName, Supplier<List<String>> serviceCommand,
            PrintStream err) throws IOException {
        Optional<ServiceLink> running = connect(catalog);
        if (running.isPresent()) {
            return running.get();
        }
        Optional<ProcessHandle> service = start(catalog, serviceCommand.get());
        long started = System.nanoTime();
        boolean told = false;
        while (true) {
            Optional<ServiceLink> link = connect(catalog);
            if (link.isPresent()) {
                return link.get();
            }
            long waited = System.nanoTime() - started;
            if (!service.map(ProcessHandle::isAlive).orElse(false)) {
                // It may have found another client's service starting: that one answers soon, or never.
                Optional<ServiceLink> other = awaitOther(catalog);
                if (other.isPresent()) {
                    return other.get();
                }
                throw new IOException("the amsh service did not start: " + lastLine(catalog.resolve(
                        CatalogDirectory.SERVICE_LOG)) + " (see " + catalog.resolve(CatalogDirectory.SERVICE_LOG) + ")");
            }
            if (waited > START_LIMIT.toNanos()) {
                throw new IOException("the amsh service did not answer within " + START_LIMIT.toSeconds() + " s (see "
                        + catalog.resolve(CatalogDirectory.SERVICE_LOG) + ")");
            }
            if (!told && waited > SAY_STARTING_AFTER.toNanos()) {
                told = true;
                err.println("starting the amsh service for " + Texts.visible(catalogName) + "...");
                err.flush();
            }
            sleep(25);
        }
    }

    private static Optional<ServiceLink> awaitOther(Path catalog) throws IOException {
        for (int i = 0; i < 40; i++) {
            Optional<ServiceLink> link = connect(catalog);
            if (link.isPresent()) {
                return link;
            }
            sleep(50);
        }
        return Optional.empty();
    }

    /**
     * Starts the service detached: in a session of its own, so the terminal's Ctrl-C and hang-up never
     * reach it, and as no child of this client, through a shell that starts it in the background, says its
     * pid and exits. A client with a child still running waits a third of a second at its own exit, for
     * the JVM's thread that waits for the child; the first command would pay that.
     *
     * @return the service's process, empty when it has ended already
     */
    private static Optional<ProcessHandle> start(Path catalog, List<String> serviceCommand) throws IOException {
        Path log = catalog.resolve(CatalogDirectory.SERVICE_LOG);
        PrivateFiles.ensurePrivateFile(log);
        if (Files.size(log) > LOG_LIMIT) {
            Files.writeString(log, "");
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", IN_THE_BACKGROUND, "amsh-service-start"));
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(serviceCommand);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> environment = builder.environment();
        // A service is not a terminal program, whatever started it.
        environment.remove("TERM");
        Process starting = builder.start();
        String pid;
        try (BufferedReader said = starting.inputReader(StandardCharsets.US_ASCII)) {
            pid = said.readLine();
        }
        try {
            starting.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pid == null || !pid.strip().matches("[0-9]+")) {
            throw new IOException("the amsh service did not start: /bin/sh did not start it (see " + log + ")");
        }
        return ProcessHandle.of(Long.parseLong(pid.strip()));
    }

    private static void awaitGone(Path socket) {
        long until = System.nanoTime() + START_LIMIT.toNanos();
        while (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() < until) {
            sleep(25);
        }
    }

    /** The service log's last line that is not part of a stack trace: why a service did not start. */
    private static String lastLine(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long from = Math.max(0, file.length() - 4096);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0))).toList();
            return lines.isEmpty() ? "it said nothing" : Texts.visible(lines.get(lines.size() - 1));
        }
        catch (IOException e) {
            return "its log cannot be read";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        channel.close();
    }
}
