package dev.amsh.image;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ProgressBar;
import dev.amsh.command.ValueKind;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageUpdateCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image update", "Add the next version of an image from a local file",
            List.of(ArgumentSpec.required("image", ValueKind.TEXT, "image id or name")
                    .completedBy(ImageNameCompleter.class),
                    ArgumentSpec.required("image_path", ValueKind.FILE, "the new version's file")),
            List.of(OptionSpec.flag("default", 'd', "also make it the default image of its type"),
                    OptionSpec.flag("vm", "the name selects the vm variant")),
            CatalogAccess.CHANGES);

    private final ImageService images;

    public ImageUpdateCommand(ImageService images) {
        super(COMMAND);
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String imageRef = call.requiredArgument("image");
        boolean vm = call.flag("vm");
        // Not found is told before a multi-gigabyte file is read for nothing.
        Image image = images.require(imageRef, vm);
        ImageContent content = ImageFiles.read(call.requiredArgument("image_path"), call.invocation().path(""),
                ProgressBar.ofBytes(call.invocation().canAsk() ? call.invocation().err() : null, "reading"));
        ImageVersion version = images.update(imageRef, vm, call.flag("default"), content, call.actor());
        // --default answered as image add says it: the type's default from now on, whether or not it was before.
        call.out().println("added version " + version.version() + " to " + imageRef + " ("
                + Texts.size(version.size()) + ")"
                + (call.flag("default") ? "; default " + image.type() + " image" : ""));
        return Exit.DONE;
    }
}
