package dev.amsh.support;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What tests keep open for the rest of the JVM (amsh sessions, Derby servers, the directories
 * under them), closed when it ends in one shutdown hook, last registered first: a catalog's
 * directory goes only after the sessions and the server on it have closed, and a test run
 * leaves nothing in the temporary directory.
 */
public final class AtJvmExit {

    private static final Deque<AutoCloseable> OPEN = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtJvmExit::closeAll, "close test resources"));
    }

    private AtJvmExit() {
    }

    /** Closes {@code resource} when the JVM ends; closing it sooner is the caller's to do, and closing twice must be harmless. */
    public static synchronized <T extends AutoCloseable> T close(T resource) {
        OPEN.push(resource);
        return resource;
    }

    private static void closeAll() {
        while (true) {
            AutoCloseable resource;
            synchronized (AtJvmExit.class) {
                resource = OPEN.poll();
            }
            if (resource == null) {
                return;
            }
            try {
                resource.close();
            }
            catch (Exception e) {
                System.err.println("could not close " + resource + " at exit: " + e.getMessage());
            }
        }
    }
}
