package dev.amsh.transfer;

import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.ValueKind;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class CatalogExportCommand extends CatalogFileCommand {

    static final CommandSpec COMMAND = new CommandSpec("catalog export",
            "Write the whole catalog to a new file (JSON lines), to import it into another catalog",
            List.of(ArgumentSpec.required("file", ValueKind.FILE, "the file to create (never overwritten; owner-only)")),
            List.of(), CatalogAccess.READS);

    public CatalogExportCommand(CatalogTransfer transfer) {
        super(COMMAND, "exported %s to", transfer::export);
    }
}
