package dev.amsh.transfer;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import org.springframework.shell.core.command.ExitStatus;

import java.nio.file.Path;
import java.util.function.Function;

/** A command that moves the whole catalog to or from the file its argument names, and says how much went. */
abstract class CatalogFileCommand extends AmshCommand {

    private final String closingLine;
    private final Function<Path, CatalogTransfer.Counts> transfer;

    /** {@code closingLine} says what went ({@code %s}) before the file's name: {@code "exported %s to"}. */
    CatalogFileCommand(CommandSpec spec, String closingLine, Function<Path, CatalogTransfer.Counts> transfer) {
        super(spec);
        this.closingLine = closingLine;
        this.transfer = transfer;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Path file = call.invocation().path(call.requiredArgument("file")).toAbsolutePath();
        CatalogTransfer.Counts counts = transfer.apply(file);
        call.out().println(closingLine.formatted(TransferTexts.describe(counts)) + " " + TransferTexts.path(file));
        return Exit.DONE;
    }
}
