package dev.amsh.command;

import dev.amsh.catalog.CommandScope;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Ctrl-C as the running command sees it. The terminal's signal handler {@linkplain #request()
 * requests} a stop; work made of steps (a script's lines) runs {@linkplain #stoppable(Supplier)
 * stoppably} and looks between steps, so the step in progress still commits or rolls back whole
 * and nothing is cut off in the middle of a transaction. A command typed in the REPL runs
 * {@linkplain #cancellable(Supplier) cancellably}: it stops at its next step (see {@link CommandScope})
 * and the shell goes on.
 */
@Component
public class Interruption {

    private volatile boolean requested;
    private final AtomicInteger listeners = new AtomicInteger();

    /**
     * Asks the running work to stop.
     *
     * @return whether some work will stop for it; when none runs stoppably, nothing looks at the request
     */
    public boolean request() {
        requested = true;
        return listeners.get() > 0;
    }

    /** Whether the running command was asked to stop: by its own request (a service's client's), else by this process's. */
    public boolean requested() {
        return CommandScope.current().flatMap(CommandScope::stopRequest).map(BooleanSupplier::getAsBoolean)
                .orElse(requested);
    }

    /** Forgets a request, before the next command starts. */
    public void clear() {
        requested = false;
    }

    /** Runs a command that stops at its next step once a stop is requested, its unfinished transaction rolled back. */
    public <T> T cancellable(Supplier<T> work) {
        return stoppable(() -> CommandScope.stoppedBy(() -> requested, work));
    }

    /**
     * Runs a client's command on this thread (a service runs each client's on its own): it stops at
     * its next step once {@code clientRequested} says so, whatever other clients ask.
     */
    public <T> T forClient(BooleanSupplier clientRequested, Supplier<T> work) {
        return stoppable(() -> CommandScope.stoppedBy(clientRequested, work));
    }

    /** Runs {@code work}, which looks at {@link #requested()} between its steps. */
    public <T> T stoppable(Supplier<T> work) {
        listeners.incrementAndGet();
        try {
            return work.get();
        }
        finally {
            listeners.decrementAndGet();
        }
    }
}
