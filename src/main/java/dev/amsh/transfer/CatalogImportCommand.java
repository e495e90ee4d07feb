package dev.amsh.transfer;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.List;

@Component
public class CatalogImportCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("catalog import",
            "Fill this new, empty catalog from a file 'catalog export' wrote (ids, versions and audit kept)",
            List.of(ArgumentSpec.required("file", ValueKind.FILE, "the exported file")),
            List.of(), CatalogAccess.CHANGES);

    private final CatalogTransfer transfer;

    public CatalogImportCommand(CatalogTransfer transfer) {
        super(COMMAND);
        this.transfer = transfer;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Path file = Path.of(call.requiredArgument("file")).toAbsolutePath();
        CatalogTransfer.Counts counts = transfer.importFrom(file);
        call.out().println("imported " + TransferTexts.describe(counts) + " from " + TransferTexts.path(file));
        return Exit.DONE;
    }
}
