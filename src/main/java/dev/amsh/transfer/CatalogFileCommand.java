package dev.amsh.transfer;

import dev.amsh.catalog.Progress;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import org.springframework.shell.core.command.ExitStatus;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiFunction;

/**
 * A command that moves the whole catalog to or from the file its argument names, with a progress bar
 * on a terminal (none in a script or a pipe), and says how much went.
 */
abstract class CatalogFileCommand extends AmshCommand {

    private final String closingLine;
    private final BiFunction<Path, Progress, CatalogTransfer.Counts> transfer;

    /** {@code closingLine} says what went ({@code %s}) before the file's name: {@code "exported %s to"}. */
    CatalogFileCommand(CommandSpec spec, String closingLine, BiFunction<Path, Progress, CatalogTransfer.Counts> transfer) {
        super(spec);
        this.closingLine = closingLine;
        this.transfer = transfer;
    }

    /** How far the transfer has come, drawn on {@code terminal}, or null when there is none. */
    abstract Progress progress(PrintWriter terminal);

    @Override
    protected ExitStatus run(CommandCall call) {
        Path file = call.invocation().path(call.requiredArgument("file")).toAbsolutePath();
        CatalogTransfer.Counts counts = transfer.apply(file,
                progress(call.invocation().canAsk() ? call.invocation().err() : null));
        call.out().println(closingLine.formatted(TransferTexts.describe(counts)) + " " + TransferTexts.path(file));
        return Exit.DONE;
    }
}
