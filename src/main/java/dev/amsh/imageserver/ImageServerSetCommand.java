package dev.amsh.imageserver;

import dev.amsh.shell.AmshCommand;
import dev.amsh.shell.ArgumentSpec;
import dev.amsh.shell.CommandCall;
import dev.amsh.shell.CommandSpec;
import dev.amsh.shell.Exit;
import dev.amsh.shell.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageServerSetCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("image server set",
            "Set where the image server's index is (a path, or a file:, http: or https: URL)",
            List.of(ArgumentSpec.required("url-or-path", ValueKind.TEXT,
                    "the index: a path (stored as an absolute path) or a URL")),
            List.of(), true);

    private final ImageServerCatalog catalog;

    public ImageServerSetCommand(ImageServerCatalog catalog) {
        super(SPEC);
        this.catalog = catalog;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Location location = catalog.setLocation(call.requiredArgument("url-or-path"), call.actor());
        call.out().println("image server set to " + location + "; run 'image server sync' to import its images");
        return Exit.DONE;
    }
}
