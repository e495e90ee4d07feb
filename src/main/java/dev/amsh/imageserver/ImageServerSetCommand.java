package dev.amsh.imageserver;

import dev.amsh.catalog.Texts;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageServerSetCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image server set",
            "Set where the image server's index is (a path, or a file:, http: or https: URL)",
            List.of(ArgumentSpec.required("url-or-path", ValueKind.TEXT,
                    "the index: a path (stored as an absolute path) or a URL")),
            List.of(OptionSpec.flag("no-check", "set a local index even if no file is there yet")),
            CatalogAccess.CHANGES);

    private final ImageServerCatalog catalog;

    public ImageServerSetCommand(ImageServerCatalog catalog) {
        super(COMMAND);
        this.catalog = catalog;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Location location = catalog.setLocation(Location.againstDirectory(call.requiredArgument("url-or-path"),
                call.invocation().path("")), !call.flag("no-check"), call.actor());
        call.out().println("image server set to " + Texts.visible(location.text())
                + "; run 'image server sync' to import its images");
        return Exit.DONE;
    }
}
