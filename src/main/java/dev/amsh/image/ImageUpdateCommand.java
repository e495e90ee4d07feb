package dev.amsh.image;

import dev.amsh.shell.AmshCommand;
import dev.amsh.shell.ArgumentSpec;
import dev.amsh.shell.CommandCall;
import dev.amsh.shell.CommandSpec;
import dev.amsh.shell.Exit;
import dev.amsh.shell.OptionSpec;
import dev.amsh.shell.Texts;
import dev.amsh.shell.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageUpdateCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("image update", "Add the next version of an image from a local file",
            List.of(ArgumentSpec.required("image", ValueKind.IMAGE, "image id or name"),
                    ArgumentSpec.required("image_path", ValueKind.FILE, "the new version's file")),
            List.of(OptionSpec.flag("default", "also make it the default image of its type"),
                    OptionSpec.flag("vm", "the name selects the vm variant")),
            true);

    private final ImageService images;

    public ImageUpdateCommand(ImageService images) {
        super(SPEC);
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String imageRef = call.requiredArgument("image");
        boolean vm = call.flag("vm");
        // Not found is told before a multi-gigabyte file is read for nothing.
        images.require(imageRef, vm);
        ImageContent content = ImageFiles.read(call.requiredArgument("image_path"),
                call.invocation().canAsk() ? call.invocation().err() : null);
        ImageVersion version = images.update(imageRef, vm, call.flag("default"), content, call.actor());
        call.out().println("added version " + version.version() + " to " + imageRef + " ("
                + Texts.size(version.size()) + ")");
        return Exit.DONE;
    }
}
