package dev.amsh.bench;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * The floor under any client of the service: started with the client's flags (and an archive of its
 * own classes, as the client has), it opens the JDK's Unix socket, connects to {@code args[0]} and
 * prints one line. Opening the JDK's first Unix socket reads the security configuration and seeds a
 * random generator, whatever the program does next.
 */
public final class SocketHello {

    private SocketHello() {
    }

    public static void main(String[] args) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(args[0]));
        }
        System.out.println("hello");
    }
}
