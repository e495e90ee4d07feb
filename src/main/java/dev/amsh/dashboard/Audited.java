package dev.amsh.dashboard;

import dev.amsh.command.CommandResult;
import dev.amsh.command.FailureRecorder;
import dev.amsh.vocabulary.Actor;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Runs a page's change as the shell runs a command: what the service refuses by a rule it audits
 * itself; a refusal by the catalog's state (no such image) or a failure is audited here, in a
 * transaction of its own, before the page says it.
 */
@Component
public class Audited {

    private final FailureRecorder failures;

    public Audited(FailureRecorder failures) {
        this.failures = failures;
    }

    public <T> T change(Actor actor, Supplier<T> change) {
        try {
            return change.get();
        }
        catch (RuntimeException e) {
            CommandResult.of(e).audit(failures, actor);
            throw e;
        }
    }

    /** Who acts from the dashboard: the OS user running it, origin {@code dashboard}, the equivalent command. */
    public static Actor actor(String commandText) {
        return Actor.of("dashboard", commandText);
    }
}
