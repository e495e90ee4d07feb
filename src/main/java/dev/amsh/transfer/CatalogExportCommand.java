package dev.amsh.transfer;

import dev.amsh.catalog.Progress;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.ProgressBar;
import dev.amsh.command.ValueKind;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
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

    /** By the rows written, for a catalog large enough to take a while (a second or more). */
    @Override
    Progress progress(PrintWriter terminal) {
        return ProgressBar.ofCount(terminal, "exporting to", "rows", 100_000);
    }
}
