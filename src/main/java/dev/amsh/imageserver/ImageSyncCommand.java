package dev.amsh.imageserver;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ProgressBar;
import dev.amsh.command.ValueKind;
import dev.amsh.image.ImageNameCompleter;
import dev.amsh.imageserver.ImageServerCatalog.ContentTarget;
import dev.amsh.imageserver.ImageServerSync.ContentCheck;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageSyncCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image sync",
            "Fetch an image's newest content from the image server, check its size and sha256, mark it active",
            List.of(ArgumentSpec.required("image", ValueKind.TEXT, "image id or name (synchronized images only)")
                    .completedBy(ImageNameCompleter.class)),
            List.of(OptionSpec.flag("vm", "the name selects the vm variant")),
            CatalogAccess.CHANGES);

    private final ImageServerSync sync;

    public ImageSyncCommand(ImageServerSync sync) {
        super(COMMAND);
        this.sync = sync;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        ContentCheck check = sync.syncContent(call.requiredArgument("image"), call.flag("vm"),
                ProgressBar.ofBytes(call.invocation().canAsk() ? call.invocation().err() : null, "fetching"),
                call.actor());
        ContentTarget target = check.target();
        String what = target.displayName() + " version " + target.version() + " (release " + target.release() + ")";
        if (check.mismatch().isPresent()) {
            call.invocation().err().println("error: " + Texts.visible(what + ": " + check.mismatch().get())
                    + "; status error");
            return Exit.FAILED;
        }
        call.out().println(Texts.visible(what) + ": " + Texts.size(target.size()) + ", size and sha256 match; status active");
        return Exit.DONE;
    }
}
