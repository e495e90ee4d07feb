package dev.amsh.command;

import dev.amsh.catalog.CatalogBusyException;
import dev.amsh.catalog.CatalogUnavailableException;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CancelledException;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.ChangedMeanwhileException;
import dev.amsh.vocabulary.FailedException;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.RefusedException;
import org.springframework.dao.DataAccessException;
import org.springframework.shell.core.command.ExitStatus;

import java.sql.SQLException;

/**
 * How a command or a page's change ended when it was not done, decided once for every face (shell,
 * script, service, dashboard, launcher): its exit code, its HTTP status, its one line, and the audit
 * row it leaves, since its own transaction, and any event in it, was rolled back.
 */
public sealed interface CommandResult {

    /** The one line an operator can act on; never a stack trace. */
    String message();

    Kind kind();

    default ExitStatus exit() {
        return kind().exit;
    }

    default int httpStatus() {
        return kind().httpStatus;
    }

    /**
     * Records the outcome of a change that did not happen: a rule's refusal is recorded by the
     * service that applied the rule, and input not understood changes nothing worth a record.
     */
    default void audit(FailureRecorder failures, Actor actor) {
        switch (kind()) {
            case FAILED, FAULT -> failures.failed(actor, message());
            case INTERRUPTED -> failures.interrupted(actor, message());
            case REFUSED_BY_STATE, CHANGED_MEANWHILE -> failures.refusedByState(actor, message());
            default -> {
                // recorded already, or nothing to record
            }
        }
    }

    /** The outcomes, with their exit status and HTTP status. */
    enum Kind {
        REFUSED_BY_RULE(Exit.REFUSED, 409),
        REFUSED_BY_STATE(Exit.REFUSED, 409),
        CHANGED_MEANWHILE(Exit.REFUSED, 409),
        NOT_UNDERSTOOD(Exit.USAGE, 400),
        /** A failure amsh foresees: a file it cannot read, a server that does not answer. */
        FAILED(Exit.FAILED, 503),
        /** A database or internal error. */
        FAULT(Exit.FAILED, 500),
        INTERRUPTED(Exit.INTERRUPTED, 503);

        private final ExitStatus exit;
        private final int httpStatus;

        Kind(ExitStatus exit, int httpStatus) {
            this.exit = exit;
            this.httpStatus = httpStatus;
        }
    }

    /**
     * Refused, nothing changed: by a rule or a confirmation (recorded with its rules where they were
     * applied), or by the catalog's state (no such name, a name taken, a catalog another process holds).
     */
    record Refused(String message, boolean byRule) implements CommandResult {

        @Override
        public Kind kind() {
            return byRule ? Kind.REFUSED_BY_RULE : Kind.REFUSED_BY_STATE;
        }
    }

    /** The catalog changed since the command read or showed it: nothing changed, try again. */
    record ChangedMeanwhile(String message) implements CommandResult {

        @Override
        public Kind kind() {
            return Kind.CHANGED_MEANWHILE;
        }
    }

    /** The input could not be understood. */
    record NotUnderstood(String message) implements CommandResult {

        @Override
        public Kind kind() {
            return Kind.NOT_UNDERSTOOD;
        }
    }

    /**
     * Failed: database, I/O, network or internal error.
     *
     * @param expected whether amsh foresaw it, rather than a database or internal error
     */
    record Failed(String message, boolean expected) implements CommandResult {

        @Override
        public Kind kind() {
            return expected ? Kind.FAILED : Kind.FAULT;
        }
    }

    /** The operator pressed Ctrl-C: stopped after the step in progress. */
    record Interrupted(String message) implements CommandResult {

        @Override
        public Kind kind() {
            return Kind.INTERRUPTED;
        }
    }

    /** What {@code problem}, thrown by a command or a change, means. */
    public static CommandResult of(Throwable problem) {
        // Most specific first: a busy catalog is unavailable, a refusal and a change meanwhile are catalog exceptions.
        String message = problem.getMessage();
        if (problem instanceof CancelledException) {
            return new Interrupted(message);
        }
        if (problem instanceof UsageException || problem instanceof InvalidValueException) {
            return new NotUnderstood(message);
        }
        if (problem instanceof CatalogBusyException) {
            return new Refused(message, false);
        }
        if (problem instanceof CatalogUnavailableException || problem instanceof FailedException) {
            return new Failed(message, true);
        }
        if (problem instanceof RefusedException) {
            return new Refused(message, true);
        }
        if (problem instanceof ChangedMeanwhileException) {
            return new ChangedMeanwhile(message);
        }
        if (problem instanceof CatalogException) {
            // The catalog's state saying no: not found, a name taken.
            return new Refused(message, false);
        }
        if (problem instanceof DataAccessException dataAccess) {
            return new Failed(databaseMessage(dataAccess), false);
        }
        return new Failed("internal error: " + problem.getClass().getSimpleName()
                + (message == null ? "" : ": " + oneLine(message)), false);
    }

    private static String databaseMessage(DataAccessException dataAccess) {
        // Derby chains its own exception below the SQLException that carries the state.
        for (Throwable link = dataAccess; link != null; link = link.getCause()) {
            if (link instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return "the catalog is busy with another session (" + sql.getSQLState()
                        + "); nothing was changed, try again";
            }
        }
        return "catalog error: " + oneLine(dataAccess.getMostSpecificCause().getMessage()) + "; nothing was changed";
    }

    /** The first line of {@code text}, at most 300 characters. */
    public static String oneLine(String text) {
        String first = text == null ? "" : text.lines().findFirst().orElse("").strip();
        return first.length() <= 300 ? first : first.substring(0, 300) + "...";
    }
}
