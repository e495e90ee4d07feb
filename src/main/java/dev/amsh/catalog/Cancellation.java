package dev.amsh.catalog;

import dev.amsh.vocabulary.CancelledException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Ctrl-C as long catalog work sees it. A command run {@linkplain #during cancellably} binds its
 * thread to the operator's request to stop, and long work {@linkplain #check() looks} between its
 * steps (a page of rows, a piece of a file or a download, a retry of a lock wait): a requested
 * stop throws {@link CancelledException} there, so the transaction around the step rolls back
 * whole. No step runs inside a commit, so a transaction already committing commits whole.
 */
public final class Cancellation {

    private static final ThreadLocal<BooleanSupplier> REQUESTED = new ThreadLocal<>();

    private Cancellation() {
    }

    /** Runs {@code work} stopping at its next step once {@code requested} says so. */
    public static <T> T during(BooleanSupplier requested, Supplier<T> work) {
        BooleanSupplier outer = REQUESTED.get();
        REQUESTED.set(requested);
        try {
            return work.get();
        }
        finally {
            if (outer == null) {
                REQUESTED.remove();
            }
            else {
                REQUESTED.set(outer);
            }
        }
    }

    /** Runs {@code work} as one step, never stopped inside: a script's line, which is stopped only after it. */
    public static <T> T asOneStep(Supplier<T> work) {
        return during(() -> false, work);
    }

    /** The running command's request to stop, for a thread that watches it from beside it. */
    public static BooleanSupplier request() {
        BooleanSupplier requested = REQUESTED.get();
        return requested == null ? () -> false : requested;
    }

    /** Between two steps of long work: throws when the operator asked the running command to stop. */
    public static void check() {
        BooleanSupplier requested = REQUESTED.get();
        if (requested != null && requested.getAsBoolean()) {
            throw new CancelledException();
        }
    }
}
