package dev.amsh.imageserver;

import dev.amsh.shell.AmshCommand;
import dev.amsh.shell.CommandCall;
import dev.amsh.shell.CommandSpec;
import dev.amsh.shell.Exit;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageServerSyncCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("image server sync",
            "Import new images and releases from the image server's index (removes nothing)", List.of(), List.of(),
            true);

    private final ImageServerSync sync;

    public ImageServerSyncCommand(ImageServerSync sync) {
        super(SPEC);
        this.sync = sync;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        sync.syncIndex(call.actor()).lines().forEach(call.out()::println);
        return Exit.DONE;
    }
}
