package dev.amsh.service;

import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameChannel;
import dev.amsh.wire.FrameType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A command's output as its client receives it: few frames, in order, and never held back for long. */
class OutputFramesTest {

    @TempDir
    Path directory;

    SocketChannel serviceSide;
    FrameChannel clientSide;
    final AtomicBoolean gone = new AtomicBoolean();
    OutputFrames output;

    @BeforeEach
    void connect() throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("test.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(address);
            SocketChannel client = SocketChannel.open(address);
            serviceSide = server.accept();
            clientSide = new FrameChannel(client);
        }
        output = new OutputFrames(new FrameChannel(serviceSide), () -> gone.set(true));
    }

    @AfterEach
    void close() throws IOException {
        serviceSide.close();
        clientSide.close();
    }

    @Test
    void aThousandLinesGoInAFewFramesInOrder() throws IOException {
        PrintWriter out = output.out();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            out.println("line " + i);
            expected.append("line ").append(i).append(System.lineSeparator());
        }
        out.flush();
        output.send(Frame.text(FrameType.EXIT, "0"));

        List<Frame> frames = framesUntil(FrameType.EXIT);
        assertThat(frames).hasSizeLessThan(10);
        assertThat(String.join("", frames.stream().filter(f -> f.type() == FrameType.OUT).map(Frame::text).toList()))
                .isEqualTo(expected.toString());
    }

    @Test
    void aLineNobodyFlushesStillArrivesWhileTheCommandGoesOn() throws IOException {
        output.out().println("fetching the index...");

        // Nothing else is written or flushed: the read returns only because the text was sent on its own.
        Frame frame = clientSide.read();

        assertThat(frame.type()).isEqualTo(FrameType.OUT);
        assertThat(frame.text()).isEqualTo("fetching the index..." + System.lineSeparator());
    }

    @Test
    void errorOutputAndAQuestionNeverOvertakeTheLinesBeforeThem() throws IOException {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        out.println("The following image will be REMOVED:");
        out.println("  - jammy");
        err.println("warning: a note");
        output.send(Frame.text(FrameType.ASK, "Do you want to continue? [Y/n]: "));

        List<Frame> frames = framesUntil(FrameType.ASK);

        assertThat(frames).extracting(Frame::type).containsExactly(FrameType.OUT, FrameType.ERR, FrameType.ASK);
        assertThat(frames.get(0).text()).contains("REMOVED:").contains("  - jammy");
        assertThat(gone).isFalse();
    }

    @Test
    void whatACommandPrintsPassesTheTerminalGate() throws IOException {
        output.out().println("jam\u001b[2Jmy");
        output.out().flush();

        assertThat(clientSide.read().text()).doesNotContain("\u001b").contains("jam").contains("my");
    }

    private List<Frame> framesUntil(FrameType last) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame frame;
        do {
            frame = clientSide.read();
            frames.add(frame);
        } while (frame.type() != last);
        return frames;
    }
}
