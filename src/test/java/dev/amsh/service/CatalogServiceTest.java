package dev.amsh.service;

import dev.amsh.client.BuildInfo;
import dev.amsh.client.Conversation;
import dev.amsh.client.ServiceLink;
import dev.amsh.command.Invocation;
import dev.amsh.shell.completion.ShellCompleter;
import dev.amsh.vocabulary.Actor;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.Payload;
import dev.amsh.wire.ServiceSocket;
import dev.amsh.wire.UntrustedSocketException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's protocol and lifecycle on a real socket, with commands that only echo: what a
 * hostile or broken client sends closes its own connection and nothing else; the service stops
 * when idle, when its directory goes, and when asked.
 */
class CatalogServiceTest {

    @TempDir
    Path catalog;

    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    final List<String> ran = new ArrayList<>();
    final List<Actor> actors = new ArrayList<>();
    CatalogService service;

    /** Echoes its words; {@code ask} asks a question and prints the answer; {@code wait} runs until stopped. */
    final ServiceCommands echo = new ServiceCommands() {
        @Override
        public int run(boolean line, List<String> words, PrintWriter out, Invocation invocation,
                BooleanSupplier stopRequested, CommitNotices commits) {
            ran.add(String.join(" ", words));
            actors.add(invocation.actor());
            if (words.get(0).equals("ask")) {
                out.println("answer: " + invocation.ask("name? ").orElse("(none)"));
                return 0;
            }
            if (words.get(0).equals("wait")) {
                while (!stopRequested.getAsBoolean()) {
                    Thread.onSpinWait();
                }
                return 130;
            }
            out.println(String.join(" ", words) + " in " + invocation.path(""));
            invocation.err().println("to stderr");
            return words.size();
        }

        @Override
        public ShellCompleter.Offer complete(String lineUpToCursor) {
            return new ShellCompleter.Offer(List.of(), false, List::of);
        }
    };

    @BeforeEach
    void start() throws IOException {
        Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rwx------"));
        service = started(Optional.empty());
    }

    private CatalogService started(Optional<Duration> idle) throws IOException {
        return CatalogService.start(new CatalogService.Settings(catalog, idle, "test", BuildInfo.current().identity()),
                echo, new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() throws InterruptedException {
        service.stop("test over", true);
        service.await();
    }

    @Test
    void aCommandsOutputAndExitCodeReachItsClientInOrder() throws IOException {
        Result result = run(List.of("image", "list"), Optional.empty());
        assertThat(result.code).isEqualTo(2);
        assertThat(result.out).isEqualTo("image list in " + Path.of("").toAbsolutePath() + "\n");
        assertThat(result.err).isEqualTo("to stderr\n");
        assertThat(Files.getPosixFilePermissions(ServiceSocket.of(catalog)))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aClientsNextRequestRightAfterAnExitIsServed() throws IOException {
        // As lines piped into the REPL come: each sent the moment the one before it ended.
        try (ServiceLink link = ServiceLink.connect(catalog).orElseThrow()) {
            for (int i = 0; i < 300; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = Conversation.run(link.channel(), request(List.of("line", Integer.toString(i))),
                        side(Optional.empty(), out, new ByteArrayOutputStream()));
                assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(2);
            }
        }
    }

    @Test
    void aQuestionIsAskedAtTheClientAndItsAnswerGoesBack() throws IOException {
        assertThat(run(List.of("ask"), Optional.of("bob")).out).isEqualTo("answer: bob\n");
        assertThat(run(List.of("ask"), Optional.empty()).out).isEqualTo("answer: (none)\n");
    }

    @Test
    void malformedAndOversizedFramesCloseOnlyTheirConnection() throws Exception {
        byte[] hello = helloBytes();
        List<byte[]> hostile = List.of(
                new byte[] {'Z', 0, 0, 0, 0},                                     // no such frame type
                new byte[] {'H', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},    // 2 GiB announced
                new byte[] {'H', 0, 0, 0, 1, 0},                                   // a HELLO too short
                concat(hello, new byte[] {'R', 0, 0, 0, 4, 0, 0, 0, 9}),           // a RUN whose string overruns
                concat(hello, new byte[] {'A', 0, 0, 0, 0}),                       // an answer to no question
                new byte[] {'H', 0, 0});                                           // then gone mid-header
        for (byte[] bytes : hostile) {
            try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                raw.connect(UnixDomainSocketAddress.of(ServiceSocket.of(catalog)));
                raw.write(ByteBuffer.wrap(bytes));
                raw.shutdownOutput();
                ByteBuffer reply = ByteBuffer.allocate(4096);
                while (raw.read(reply) >= 0) {
                    reply.clear();
                }
            }
            assertThat(run(List.of("still", "here"), Optional.empty()).code).as("served after %s", bytes.length)
                    .isEqualTo(2);
        }
        assertThat(ran).containsOnly("still here");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unknown frame type 90")
                .contains("over the limit of " + FrameChannel.MAX_PAYLOAD);
    }

    @Test
    void aCommandIsAuditedWithTheProcessTheKernelNamesNotThePidItsClientClaims() throws Exception {
        long ownPid = ProcessHandle.current().pid();
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(ServiceSocket.of(catalog)));
            FrameChannel channel = new FrameChannel(raw);
            channel.write(Frame.of(FrameType.HELLO, new Payload().putInt(FrameChannel.PROTOCOL)
                    .putString(BuildInfo.current().identity()).putLong(1)));
            assertThat(channel.read().type()).isEqualTo(FrameType.WELCOME);
            assertThat(status(channel)).contains("  pid " + ownPid + " (user ").doesNotContain("pid 1 ");
            int code = Conversation.run(channel, request(List.of("who", "asks")), side(Optional.empty(),
                    new ByteArrayOutputStream(), new ByteArrayOutputStream()));
            assertThat(code).isEqualTo(2);
        }
        assertThat(actors).extracting(Actor::pid).containsExactly(OptionalLong.of(ownPid));
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("names no client process");
    }

    @Test
    void theStatusSaysWhichClientIsAskingForItAndWhichAreIdle() throws Exception {
        try (ServiceLink idle = ServiceLink.connect(catalog).orElseThrow();
                ServiceLink asking = ServiceLink.connect(catalog).orElseThrow()) {
            List<String> clients = status(asking.channel()).lines().filter(line -> line.startsWith("  pid ")).toList();

            assertThat(clients).hasSize(2);
            assertThat(clients).filteredOn(line -> line.endsWith(", running: serve --status")).hasSize(1);
            assertThat(clients).filteredOn(line -> line.endsWith(", idle")).hasSize(1);
        }
    }

    @Test
    void aClientThatGoesAwayStopsItsCommand() throws Exception {
        ServiceLink link = ServiceLink.connect(catalog).orElseThrow();
        CountDownLatch started = new CountDownLatch(1);
        Thread client = new Thread(() -> Conversation.run(link.channel(), request(List.of("wait")), side(Optional.empty(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream())));
        client.start();
        awaitRan("wait");
        link.close();
        client.join(10_000);
        // The command ended (its thread stopped waiting): the service lets a stop go through at once.
        service.stop("asked", false);
        assertThat(awaited(service)).isEqualTo("asked");
    }

    @Test
    void aClientOfAnotherBuildMakesTheServiceStepAsideOnceItsCommandsEnded() throws Exception {
        try (SocketChannel raw = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            raw.connect(UnixDomainSocketAddress.of(ServiceSocket.of(catalog)));
            raw.write(ByteBuffer.wrap(helloBytes("another build")));
            ByteBuffer reply = ByteBuffer.allocate(5);
            raw.read(reply);
            assertThat((char) reply.get(0)).as("RETIRING").isEqualTo('r');
        }
        assertThat(awaited(service)).startsWith("a client of another build (another build) came");
        assertThat(ServiceSocket.of(catalog)).doesNotExist();
    }

    @Test
    void itStopsWhenIdleAndWhenItsDirectoryIsRemoved() throws Exception {
        service.stop("restart", false);
        service.await();
        service = started(Optional.of(Duration.ofMillis(300)));
        assertThat(awaited(service)).isEqualTo("idle for 0 s");

        service = started(Optional.empty());
        Path moved = Files.move(catalog, catalog.resolveSibling(catalog.getFileName() + "-moved"));
        try {
            assertThat(awaited(service)).isEqualTo("the catalog directory " + catalog + " was removed or replaced");
        }
        finally {
            Files.move(moved, catalog);
        }
    }

    @Test
    void aPlantedSocketIsNotTrusted() throws Exception {
        service.stop("restart", false);
        service.await();
        Path socket = ServiceSocket.of(catalog);
        Path elsewhere = Files.createFile(catalog.resolve("elsewhere"));
        Files.createSymbolicLink(socket, elsewhere);
        assertThatThrownBy(() -> ServiceLink.connect(catalog)).isInstanceOf(UntrustedSocketException.class)
                .hasMessageContaining("is a symbolic link");
        Files.delete(socket);
        Files.createFile(socket);
        assertThatThrownBy(() -> ServiceLink.connect(catalog)).isInstanceOf(UntrustedSocketException.class)
                .hasMessageContaining("is not a socket");
        Files.delete(socket);
        service = started(Optional.empty());
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThatThrownBy(() -> ServiceLink.connect(catalog)).isInstanceOf(UntrustedSocketException.class)
                .hasMessageContaining("is open to other users");
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            // Only root can give a file away: a socket of another user's is never talked to.
            Files.setOwner(socket, socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("65534"));
            assertThatThrownBy(() -> ServiceLink.connect(catalog)).isInstanceOf(UntrustedSocketException.class)
                    .hasMessageContaining("not to you");
        }
    }

    private String awaited(CatalogService stopping) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        String[] reason = new String[1];
        Thread waiter = new Thread(() -> {
            try {
                reason[0] = stopping.await();
                done.countDown();
            }
            catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("the service stopped").isTrue();
        return reason[0];
    }

    private void awaitRan(String command) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!ran.contains(command)) {
            assertThat(System.nanoTime()).isLessThan(until);
            Thread.sleep(10);
        }
    }

    record Result(int code, String out, String err) {
    }

    /** What {@code serve --status} prints, asked on {@code channel}. */
    private static String status(FrameChannel channel) throws IOException {
        channel.write(Frame.of(FrameType.STATUS));
        StringBuilder out = new StringBuilder();
        for (Frame frame = channel.read(); frame.type() != FrameType.EXIT; frame = channel.read()) {
            assertThat(frame.type()).isEqualTo(FrameType.OUT);
            out.append(frame.text());
        }
        return out.toString();
    }

    private Result run(List<String> words, Optional<String> answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServiceLink link = ServiceLink.connect(catalog).orElseThrow()) {
            int code = Conversation.run(link.channel(), request(words), side(answer, out, err));
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private static Conversation.Request request(List<String> words) {
        return new Conversation.Request("test", false, words, Path.of("").toAbsolutePath(), true, 80, 24, false);
    }

    private static Conversation.Side side(Optional<String> answer, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Conversation.Side() {
            @Override
            public void out(byte[] bytes) {
                out.writeBytes(bytes);
            }

            @Override
            public void err(byte[] bytes) {
                err.writeBytes(bytes);
            }

            @Override
            public Optional<String> ask(String question, boolean secret) {
                return answer;
            }

            @Override
            public byte[] input(int most) {
                return new byte[0];
            }
        };
    }

    private static byte[] helloBytes() {
        return helloBytes(BuildInfo.current().identity());
    }

    private static byte[] helloBytes(String build) {
        byte[] text = build.getBytes(StandardCharsets.UTF_8);
        ByteBuffer hello = ByteBuffer.allocate(5 + 4 + 4 + text.length + 8);
        hello.put((byte) 'H').putInt(4 + 4 + text.length + 8).putInt(FrameChannel.PROTOCOL).putInt(text.length).put(text)
                .putLong(1);
        return hello.array();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
