package dev.amsh.command;

import dev.amsh.catalog.CommandScope;
import dev.amsh.catalog.CatalogPrivileges;
import dev.amsh.catalog.CatalogSettings;
import dev.amsh.vocabulary.RefusedException;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import org.springframework.dao.DataAccessException;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one command line, the same way for the REPL, one-shot mode, script replay and the service:
 * parse it once with the amsh parser, hand the command what the parser read, and turn every
 * failure into one line on the error writer and the exit code {@link Exit} names. A command that meant to change
 * the catalog and failed, or was refused without a rule's say (no such image), is audited here,
 * since its own transaction (and any event in it) was rolled back.
 */
@Component
public class CommandLineExecutor {

    private final AmshCommandParser parser;
    private final CommandRegistry registry;
    private final FailureRecorder failures;
    private final CatalogPrivileges privileges;
    private final boolean debug;
    private final Duration lockTimeout;

    public CommandLineExecutor(AmshCommandParser parser, CommandRegistry registry, FailureRecorder failures,
            CatalogPrivileges privileges, LaunchArguments launch, CatalogSettings settings) {
        this.parser = parser;
        this.registry = registry;
        this.failures = failures;
        this.privileges = privileges;
        this.debug = launch.debug();
        this.lockTimeout = settings.lockTimeout();
    }

    /** A line as typed in the REPL or a script. */
    public ExitStatus execute(String line, PrintWriter out, Invocation invocation) {
        return run(() -> parser.parse(line), out, invocation);
    }

    /** Words as the OS passed them to a one-shot command: no re-joining, no re-splitting. */
    public ExitStatus execute(List<String> words, PrintWriter out, Invocation invocation) {
        return run(() -> parser.parse(words), out, invocation);
    }

    private ExitStatus run(Supplier<ParsedCommand> parse, PrintWriter terminalOut, Invocation terminalInvocation) {
        // Every line a command prints passes the gate, so no message can carry a raw control character.
        PrintWriter out = TerminalWriter.guard(terminalOut);
        Invocation invocation = terminalInvocation.reportingTo(TerminalWriter.guard(terminalInvocation.err()));
        PrintWriter err = invocation.err();
        ParsedCommand parsed;
        try {
            parsed = parse.get();
        }
        catch (UsageException e) {
            return fail(invocation, e.getMessage(), Exit.USAGE, e);
        }
        if (parsed.asksForHelp()) {
            out.println(parsed.command().getHelp());
            out.flush();
            return Exit.DONE;
        }
        if (parsed.changesCatalog()) {
            // Refused before trying: the audit log, which a read-only user cannot write, stays as it is.
            Optional<String> readOnly = privileges.readOnlyUser();
            if (readOnly.isPresent()) {
                RefusedException refused = new RefusedException("'" + parsed.typedName()
                        + "' changes the catalog, and the database user '" + readOnly.get() + "' may only read it");
                return fail(invocation, refused.getMessage(), Exit.REFUSED, refused);
            }
        }
        try {
            CommandCall call = new CommandCall(parsed.words().orElseThrow(), out, registry, invocation);
            return CommandScope.withLockWaits(err, lockTimeout, () -> parsed.command().run(call));
        }
        catch (RuntimeException e) {
            CommandResult result = CommandResult.of(e);
            // Inside a script's atomic or dry run the run's transaction is still open: the run records
            // this line itself, and an event on a second connection would wait on the run's locks.
            if (parsed.changesCatalog() && !TransactionSynchronizationManager.isActualTransactionActive()) {
                audit(invocation, result);
            }
            return fail(invocation, result.message(), result.exit(), e);
        }
        finally {
            out.flush();
        }
    }

    /**
     * A command that failed on a way other than this executor's, such as a line of a script decided
     * with others: told as a failure here is told, through the same gate. Its audit row is the run's.
     */
    public ExitStatus failed(Invocation invocation, Throwable failure) {
        CommandResult result = CommandResult.of(failure);
        return fail(invocation.reportingTo(TerminalWriter.guard(invocation.err())), result.message(), result.exit(),
                failure);
    }

    private void audit(Invocation invocation, CommandResult result) {
        try {
            result.audit(failures, invocation.actor());
        }
        catch (DataAccessException unavailable) {
            invocation.err().println("warning: could not record the failure in the audit log: "
                    + Texts.visible(Secrets.redact(CommandResult.oneLine(unavailable.getMostSpecificCause().getMessage()))));
        }
    }

    private ExitStatus fail(Invocation invocation, String message, ExitStatus status, Throwable cause) {
        PrintWriter err = invocation.err();
        // The one place every error line passes: no password and no raw control character gets past it.
        err.println("error: " + Texts.visible(Secrets.redact(message)));
        // This process's --debug, or the command's own when a service runs it for a client.
        if (debug || invocation.showsStackTraces()) {
            cause.printStackTrace(err);
        }
        err.flush();
        return status;
    }
}
