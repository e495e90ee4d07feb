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
public class CatalogImportCommand extends CatalogFileCommand {

    static final CommandSpec COMMAND = new CommandSpec("catalog import",
            "Fill this new, empty catalog from a file 'catalog export' wrote (ids, versions and audit kept)",
            List.of(ArgumentSpec.required("file", ValueKind.FILE, "the exported file")),
            List.of(), CatalogAccess.CHANGES);

    public CatalogImportCommand(CatalogTransfer transfer) {
        super(COMMAND, "imported %s from", transfer::importFrom);
    }

    /** By the bytes of the file read, for a file large enough to take a while. */
    @Override
    Progress progress(PrintWriter terminal) {
        return ProgressBar.ofBytes(terminal, "importing");
    }
}
