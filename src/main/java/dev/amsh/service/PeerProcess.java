package dev.amsh.service;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.ptr.IntByReference;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process at the other end of a client's socket, as the kernel says ({@code SO_PEERCRED}),
 * so that the audit names the process that asked, and nothing a client sends can change it. The
 * JDK's own {@code SO_PEERCRED} option drops the pid, so this asks the C library, with the
 * socket's descriptor read from the JDK's socket class: the service runs with
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (the jar's manifest says so). Where either
 * is missing, the pid is unknown, never guessed.
 */
final class PeerProcess {

    private static final int SOL_SOCKET = 1;
    /** Linux's number for the option: 21 on POWER, 17 elsewhere. */
    private static final int SO_PEERCRED = Platform.isPPC() ? 21 : 17;
    /** {@code struct ucred}: pid, uid and gid, three 32-bit integers. */
    private static final int UCRED_INTS = 3;

    private interface C extends Library {
        int getsockopt(int socket, int level, int option, int[] value, IntByReference length) throws LastErrorException;
    }

    private record Access(Optional<Method> descriptor, Optional<C> library, String unavailable) {
    }

    private static final Access ACCESS = access();

    private PeerProcess() {
    }

    /** Why the pid of a client stays unknown in this process; empty when it is known. */
    static Optional<String> unavailable() {
        return ACCESS.unavailable.isEmpty() ? Optional.empty() : Optional.of(ACCESS.unavailable);
    }

    /** The pid of the process that connected {@code channel}, when the kernel can be asked. */
    static OptionalLong of(SocketChannel channel) {
        if (ACCESS.descriptor.isEmpty() || ACCESS.library.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            int descriptor = (int) ACCESS.descriptor.get().invoke(channel);
            int[] credentials = new int[UCRED_INTS];
            IntByReference length = new IntByReference(UCRED_INTS * Integer.BYTES);
            ACCESS.library.get().getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, credentials, length);
            return credentials[0] > 0 ? OptionalLong.of(credentials[0]) : OptionalLong.empty();
        }
        catch (IllegalAccessException | InvocationTargetException | LastErrorException e) {
            return OptionalLong.empty();
        }
    }

    private static Access access() {
        if (!Platform.isLinux()) {
            return new Access(Optional.empty(), Optional.empty(), "the kernel's peer credentials are read on Linux only");
        }
        Method descriptor;
        try {
            descriptor = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
            if (!SocketChannel.class.getModule().isExported("sun.nio.ch", PeerProcess.class.getModule())) {
                return new Access(Optional.empty(), Optional.empty(),
                        "java runs without --add-exports java.base/sun.nio.ch=ALL-UNNAMED");
            }
        }
        catch (ClassNotFoundException | NoSuchMethodException e) {
            return new Access(Optional.empty(), Optional.empty(), "this Java has no socket descriptor to ask about");
        }
        try {
            return new Access(Optional.of(descriptor), Optional.of(Native.load("c", C.class)), "");
        }
        catch (UnsatisfiedLinkError e) {
            return new Access(Optional.empty(), Optional.empty(), "the C library cannot be loaded: " + e.getMessage());
        }
    }
}
