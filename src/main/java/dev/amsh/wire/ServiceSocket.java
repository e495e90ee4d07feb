package dev.amsh.wire;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The Unix domain socket a catalog's service listens on, in the catalog's own 0700 directory. Only
 * its operator gets in: the socket file is 0600 and is trusted only if it is a socket of the
 * operator's, never a link; and each end checks the other's uid (the kernel's
 * {@code SO_PEERCRED}, which nothing a peer sends can change).
 */
public final class ServiceSocket {

    public static final String FILE_NAME = "amsh.sock";
    /** A socket's path must fit the kernel's address (108 bytes with its terminating zero). */
    private static final int MAX_PATH_BYTES = 107;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    /** This process's user, looked up once: the look-up reads the user database. */
    private static volatile UserPrincipal ownUser;

    private ServiceSocket() {
    }

    /**
     * Does on the caller's thread what a first connection would otherwise do on its way: the JDK's
     * set-up of Unix sockets (it reads the security configuration and seeds a random generator) and
     * the look-up of this process's user. A client runs it on a thread of its own as it starts, beside
     * its other work.
     */
    public static void prepare() {
        try (SocketChannel unused = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ownUser();
        }
        catch (IOException e) {
            // the connection itself says what is wrong
        }
    }

    /** The socket of the catalog in {@code catalogDirectory}. */
    public static Path of(Path catalogDirectory) {
        return catalogDirectory.resolve(FILE_NAME);
    }

    /**
     * Connects to the service listening on {@code socket}, if one does: empty when there is no socket
     * or nobody listens on it (a service that stopped or was killed).
     *
     * @throws UntrustedSocketException when the socket is not the operator's own, or another user answers
     */
    public static Optional<SocketChannel> connect(Path socket) throws IOException {
        if (!trusted(socket)) {
            return Optional.empty();
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
        }
        catch (IOException nobodyListens) {
            channel.close();
            return Optional.empty();
        }
        try {
            requireOwnUser(channel, "the service on " + socket);
        }
        catch (UntrustedSocketException e) {
            channel.close();
            throw e;
        }
        return Optional.of(channel);
    }

    /**
     * Whether {@code socket} is there to connect to: false when it is missing.
     *
     * @throws UntrustedSocketException when it is a link, not a socket, another user's, or open to others
     */
    static boolean trusted(Path socket) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException missing) {
            return false;
        }
        if (attributes.isSymbolicLink()) {
            throw new UntrustedSocketException(socket + " is a symbolic link; amsh never follows one to its service"
                    + " (remove it: rm " + socket + ")");
        }
        if (!attributes.isOther()) {
            throw new UntrustedSocketException(socket + " is not a socket (remove it: rm " + socket + ")");
        }
        if (!attributes.owner().equals(ownUser())) {
            throw new UntrustedSocketException(socket + " belongs to " + attributes.owner().getName()
                    + ", not to you: amsh talks only to its operator's own service");
        }
        if (!OWNER_ONLY.containsAll(attributes.permissions())) {
            throw new UntrustedSocketException(socket + " is open to other users ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "); remove it: rm " + socket);
        }
        return true;
    }

    /**
     * Listens on {@code socket}, replacing a socket left by a service that is gone (the caller
     * holds the catalog's lock, so no live service owns it), owner-only before anyone can connect:
     * it is bound under a name of its own, closed to others, and only then renamed into place.
     */
    public static ServerSocketChannel listen(Path socket) throws IOException {
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("the path " + socket + " is too long for a socket; use a catalog directory"
                    + " with a shorter path");
        }
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            trusted(socket);
            Files.delete(socket);
        }
        Path binding = socket.resolveSibling(socket.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(binding);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(binding));
            // The directory is 0700 already; the socket is closed to others even if it were not.
            Files.setPosixFilePermissions(binding, OWNER_ONLY);
            Files.move(binding, socket, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            server.close();
            Files.deleteIfExists(binding);
            throw e;
        }
        return server;
    }

    /**
     * Refuses a peer of another user, as the kernel reports it.
     *
     * @throws UntrustedSocketException naming {@code peer} when its uid is not this process's
     */
    public static UserPrincipal requireOwnUser(SocketChannel channel, String peer) throws IOException {
        UnixDomainPrincipal principal = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (!principal.user().equals(ownUser())) {
            throw new UntrustedSocketException(peer + " runs as " + principal.user().getName() + ", not as you");
        }
        return principal.user();
    }

    private static UserPrincipal ownUser() throws IOException {
        if (ownUser == null) {
            ownUser = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(Long.toString(new UnixSystem().getUid()));
        }
        return ownUser;
    }
}
