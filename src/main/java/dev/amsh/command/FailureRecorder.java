package dev.amsh.command;

import dev.amsh.vocabulary.Actor;

/**
 * Keeps a record of a command that meant to change the catalog and failed, or that the catalog's
 * state refused (no such image, a name taken): its own transaction rolled back, so whatever it
 * recorded went with it. The audit log implements it.
 */
public interface FailureRecorder {

    void failed(Actor actor, String why);

    /** Stopped by the operator (Ctrl-C) before it finished. */
    void interrupted(Actor actor, String why);

    void refusedByState(Actor actor, String why);
}
