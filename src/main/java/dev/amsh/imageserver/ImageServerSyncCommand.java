package dev.amsh.imageserver;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageServerSyncCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image server sync",
            "Import new images and releases from the image server's index (removes nothing)", List.of(), List.of(),
            CatalogAccess.CHANGES);

    private final ImageServerSync sync;

    public ImageServerSyncCommand(ImageServerSync sync) {
        super(COMMAND);
        this.sync = sync;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        SyncTexts.lines(sync.syncIndex(call.actor())).stream().map(Texts::visible).forEach(call.out()::println);
        return Exit.DONE;
    }
}
