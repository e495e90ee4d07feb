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
public class CatalogExportCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("catalog export",
            "Write the whole catalog to a new file (JSON lines), to import it into another catalog",
            List.of(ArgumentSpec.required("file", ValueKind.FILE, "the file to create (never overwritten; owner-only)")),
            List.of(), CatalogAccess.READS);

    private final CatalogTransfer transfer;

    public CatalogExportCommand(CatalogTransfer transfer) {
        super(COMMAND);
        this.transfer = transfer;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Path file = Path.of(call.requiredArgument("file")).toAbsolutePath();
        CatalogTransfer.Counts counts = transfer.export(file);
        call.out().println("exported " + TransferTexts.describe(counts) + " to " + TransferTexts.path(file));
        return Exit.DONE;
    }
}
