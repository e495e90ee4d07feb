package dev.amsh.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * What {@link SocketHello} needs: a Unix socket that takes every connection and closes it, and the
 * program in a jar of its own, with a class-data archive recorded at its first run as the build
 * records the client's.
 */
final class SocketFloor implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path directory;
    private final Path socket;
    private final Path jar;
    private final Path archive;

    private SocketFloor(ServerSocketChannel server, Path directory, Path socket, Path jar, Path archive) {
        this.server = server;
        this.directory = directory;
        this.socket = socket;
        this.jar = jar;
        this.archive = archive;
        Thread accepting = new Thread(this::accept, "socket-floor");
        accepting.setDaemon(true);
        accepting.start();
    }

    static SocketFloor start(Path work) throws IOException {
        Path directory = Files.createTempDirectory(work, "socket-floor");
        Path socket = directory.resolve("floor.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Path jar = directory.resolve("socket-hello.jar");
        String entry = SocketHello.class.getName().replace('.', '/') + ".class";
        try (InputStream classFile = SocketHello.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
        }
        return new SocketFloor(server, directory, socket, jar, directory.resolve("socket-hello.jsa"));
    }

    /** The program with {@code flags}: its first run records the archive, the later ones use it. */
    List<String> command(List<String> flags) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(flags);
        command.add(Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        command.addAll(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-cp", jar.toString(),
                SocketHello.class.getName(), socket.toString()));
        return command;
    }

    private void accept() {
        while (true) {
            try (SocketChannel connection = server.accept()) {
                // taken and closed: the program measured only connects
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Path file : List.of(socket, jar, archive)) {
            Files.deleteIfExists(file);
        }
        Files.delete(directory);
    }
}
