package dev.amsh.image;

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
public class ImageSwitchCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image switch",
            "Make an image the default of its type (the old default stops being one)",
            List.of(ArgumentSpec.required("image", ValueKind.TEXT, "image id or name")
                    .completedBy(ImageNameCompleter.class)),
            List.of(OptionSpec.flag("vm", "the name selects the vm variant")),
            CatalogAccess.CHANGES);

    private final ImageService images;

    public ImageSwitchCommand(ImageService images) {
        super(COMMAND);
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        ImageService.DefaultSwitch switched = images.switchDefault(call.requiredArgument("image"), call.flag("vm"),
                call.actor());
        Image image = switched.image();
        call.out().println(image.displayName() + (switched.alreadyDefault() ? " already is" : " is now")
                + " the default " + image.type() + " image");
        return Exit.DONE;
    }
}
