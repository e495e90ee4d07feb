package dev.amsh.image;

import dev.amsh.shell.AmshCommand;
import dev.amsh.shell.ArgumentSpec;
import dev.amsh.shell.CommandCall;
import dev.amsh.shell.CommandSpec;
import dev.amsh.shell.Exit;
import dev.amsh.shell.OptionSpec;
import dev.amsh.shell.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageSwitchCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("image switch",
            "Make an image the default of its type (the old default stops being one)",
            List.of(ArgumentSpec.required("image", ValueKind.IMAGE, "image id or name")),
            List.of(OptionSpec.flag("vm", "the name selects the vm variant")),
            true);

    private final ImageService images;

    public ImageSwitchCommand(ImageService images) {
        super(SPEC);
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Image image = images.switchDefault(call.requiredArgument("image"), call.flag("vm"), call.actor());
        call.out().println(image.displayName() + " is now the default " + image.type() + " image");
        return Exit.DONE;
    }
}
