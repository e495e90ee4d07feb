package dev.amsh.imageserver;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.vocabulary.Secrets;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageServerShowCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image server show",
            "Show where the image server's index is and when it was last synchronized", List.of(), List.of(),
            CatalogAccess.READS);

    private final ImageServerCatalog catalog;

    public ImageServerShowCommand(ImageServerCatalog catalog) {
        super(COMMAND);
        this.catalog = catalog;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        ImageServerSettings.Setting setting = catalog.setting();
        // A location an older amsh stored with its query password still shows masked.
        call.out().println("location: " + setting.location().map(Secrets::redact).map(Texts::visible)
                .orElse("(not set; use 'image server set <url-or-path>')"));
        setting.location().map(Location::of).filter(Location::isHttp).ifPresent(location ->
                call.out().println("credentials: " + Texts.visible(catalog.credentialSource(location))));
        call.out().println("last synchronized: " + setting.lastSyncedAt().map(Object::toString).orElse("never"));
        return Exit.DONE;
    }
}
