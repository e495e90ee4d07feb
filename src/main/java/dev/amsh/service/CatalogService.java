package dev.amsh.service;

import dev.amsh.vocabulary.Texts;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.ServiceEnvironment;
import dev.amsh.wire.ServiceSocket;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A catalog's service: the one process that has the catalog open, serving amsh clients of its
 * operator over the Unix domain socket in the catalog's directory. Each client is served on a
 * thread of its own; every command runs in the same application, under the same rules and locks
 * as in any other process. It stops when asked ({@code serve --stop}, SIGTERM), when a client of
 * another build comes (after the commands it runs have ended), after it has been idle for its idle
 * time, and when its catalog directory or socket is removed or replaced.
 */
public final class CatalogService {

    /** The most clients at once: each holds a thread. */
    static final int MAX_CLIENTS = 64;
    private static final long WATCH_MILLIS = 500;

    /**
     * @param catalog  the directory of its socket and log, as resolved: an embedded catalog's own
     * @param describe the catalog, as {@code serve --status} names it
     * @param idle     how long without a client before it stops; empty: never
     * @param purpose  what it is, as {@code serve --status} says ({@code service}, {@code serve}, {@code serve+dashboard})
     * @param build    the build it is: clients of another build make it retire
     */
    public record Settings(Path catalog, String describe, Optional<Duration> idle, String purpose, String build) {

        /** An embedded catalog's, named by its directory. */
        public Settings(Path catalog, Optional<Duration> idle, String purpose, String build) {
            this(catalog, catalog.toString(), idle, purpose, build);
        }
    }

    private final Settings settings;
    private final ServiceCommands commands;
    private final PrintStream log;
    private final ServerSocketChannel server;
    private final Path socket;
    private final Object socketKey;
    private final Object directoryKey;
    private final Instant since = Instant.now();
    private final List<String> environment = ServiceEnvironment.digests(System.getenv());
    private final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "amsh-service-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long lastActivity = System.nanoTime();
    private volatile String stopReason;

    private CatalogService(Settings settings, ServiceCommands commands, PrintStream log, ServerSocketChannel server,
            Path socket) throws IOException {
        this.settings = settings;
        this.commands = commands;
        this.log = log;
        this.server = server;
        this.socket = socket;
        this.socketKey = key(socket);
        this.directoryKey = key(settings.catalog());
    }

    /**
     * Listens on the catalog's socket and serves until {@link #stop}. The caller holds the catalog's lock.
     *
     * @throws IOException when the socket cannot be made
     */
    public static CatalogService start(Settings settings, ServiceCommands commands, PrintStream log)
            throws IOException {
        Path socket = ServiceSocket.of(settings.catalog());
        CatalogService service = new CatalogService(settings, commands, log, ServiceSocket.listen(socket), socket);
        commands.servedBy(service);
        Thread accepting = new Thread(service::accept, "amsh-service-accept");
        accepting.setDaemon(true);
        accepting.start();
        service.watch.scheduleWithFixedDelay(service::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        // Loads the C library beside the first client's connection rather than on its way.
        service.watch.execute(() -> PeerProcess.unavailable()
                .ifPresent(why -> service.log("the audit names no client process: " + why)));
        return service;
    }

    public Path socket() {
        return socket;
    }

    /** Waits until the service has stopped and every command it ran has ended; returns why it stopped. */
    public String await() throws InterruptedException {
        stopped.await();
        return stopReason;
    }

    /**
     * Stops taking clients; idle clients are let go at once, running commands end first
     * ({@code cancelRunning}: stopped at their next step and rolled back, as by Ctrl-C).
     */
    public void stop(String reason, boolean cancelRunning) {
        synchronized (this) {
            if (stopReason != null) {
                if (cancelRunning) {
                    connections.forEach(ClientConnection::cancel);
                }
                return;
            }
            stopReason = reason;
        }
        log(reason);
        try {
            server.close();
        }
        catch (IOException ignored) {
            // the socket goes with the process anyway
        }
        removeOwnSocket();
        if (cancelRunning) {
            connections.forEach(ClientConnection::cancel);
        }
        Thread finishing = new Thread(this::finish, "amsh-service-stop");
        finishing.setDaemon(true);
        finishing.start();
    }

    /** A client of another build came: it finishes what it runs, then makes way for that build's service. */
    void retire(String reason) {
        stop(reason + "; this service makes way for it", false);
    }

    /** Lets every client go once its command, if any, has ended: a REPL between commands at once. */
    private void finish() {
        while (!connections.isEmpty()) {
            connections.stream().filter(ClientConnection::idle).forEach(ClientConnection::close);
            sleep();
        }
        watch.shutdownNow();
        stopped.countDown();
    }

    private void accept() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            }
            catch (ClosedChannelException stopping) {
                return;
            }
            catch (IOException e) {
                log("cannot accept a client: " + e.getMessage());
                sleep();
                continue;
            }
            if (connections.size() >= MAX_CLIENTS) {
                log("refused a client: " + MAX_CLIENTS + " are connected already");
                close(client);
                continue;
            }
            lastActivity = System.nanoTime();
            FrameChannel channel = new FrameChannel(client);
            ClientConnection connection = new ClientConnection(this, channel);
            connections.add(connection);
            // A client that never says hello is let go: it would hold a thread for nothing.
            watch.schedule(() -> {
                if (!connection.greeted()) {
                    channel.close();
                }
            }, ClientConnection.HELLO_MILLIS, TimeUnit.MILLISECONDS);
            Thread thread = new Thread(connection, "amsh-client");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void watch() {
        try {
            if (stopReason != null) {
                return;
            }
            if (!Objects.equals(key(settings.catalog()), directoryKey)) {
                stop("the catalog directory " + settings.catalog() + " was removed or replaced", true);
                return;
            }
            if (!Objects.equals(key(socket), socketKey)) {
                stop("the socket " + socket + " was removed or replaced", true);
                return;
            }
            if (settings.idle().isPresent() && connections.isEmpty()
                    && System.nanoTime() - lastActivity >= settings.idle().get().toNanos()) {
                stop("idle for " + settings.idle().get().toSeconds() + " s", false);
            }
        }
        catch (RuntimeException e) {
            log("watch: " + e);
        }
    }

    /** The file's identity (device and inode), or null when it is gone: a replaced file has another. */
    private static Object key(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (IOException gone) {
            return null;
        }
    }

    private void removeOwnSocket() {
        try {
            if (Objects.equals(key(socket), socketKey)) {
                Files.deleteIfExists(socket);
            }
        }
        catch (IOException e) {
            log("cannot remove " + socket + ": " + e.getMessage());
        }
    }

    ServiceCommands commands() {
        return commands;
    }

    String build() {
        return settings.build();
    }

    void greeted(ClientConnection connection) {
        connection.markGreeted();
        lastActivity = System.nanoTime();
    }

    void disconnected(ClientConnection connection) {
        connections.remove(connection);
        lastActivity = System.nanoTime();
    }

    /** What this service holds of the variables its commands take from its environment. */
    List<String> environment() {
        return environment;
    }

    /** A command started or ended: the idle time counts from the last of these. */
    void active() {
        lastActivity = System.nanoTime();
    }

    /** What {@code serve --status} prints to the client {@code asking} (null: a command, which shows it runs). */
    String status(ClientConnection asking) {
        List<String> lines = new ArrayList<>();
        lines.add("catalog " + Texts.visible(settings.describe()));
        lines.add("served by pid " + ProcessHandle.current().pid() + " (" + settings.purpose() + ", user "
                + Texts.visible(System.getProperty("user.name", "?")) + ") since " + since.truncatedTo(ChronoUnit.SECONDS)
                + " on " + Texts.visible(socket.toString())
                + settings.idle().map(idle -> "; stops after " + idle.toSeconds() + " s idle").orElse(""));
        // The client asking is one of them, and says so rather than looking idle.
        List<String> clients = connections.stream().filter(ClientConnection::greeted)
                .map(client -> client == asking ? client.describeAsking() : client.describe()).sorted().toList();
        lines.addAll(commands.status());
        lines.add("clients: " + clients.size());
        clients.forEach(client -> lines.add("  " + client));
        return String.join("\n", lines) + "\n";
    }

    void log(String line) {
        log.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
        log.flush();
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        }
        catch (IOException ignored) {
            // already gone
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
