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
public class ImageAddCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("image add",
            "Add an image with version 0 from a local file",
            List.of(ArgumentSpec.required("name", ValueKind.NEW_NAME, "the new image's name"),
                    ArgumentSpec.required("image_path", ValueKind.FILE, "the image file (size and sha256 are read from it)")),
            List.of(OptionSpec.flag("default", "make it the default image of its type"),
                    OptionSpec.choice("type", List.of("container", "vm"), "container (default) or vm"),
                    OptionSpec.choice("arch", List.of("x86_64", "aarch64"), "architecture (default x86_64)")),
            true);

    private final ImageService images;

    public ImageAddCommand(ImageService images) {
        super(SPEC);
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        ImageType type = ImageType.parse(call.choice("type", "container")).orElseThrow();
        Architecture architecture = Architecture.parse(call.choice("arch", "x86_64")).orElseThrow();
        ImageContent content = ImageFiles.read(call.requiredArgument("image_path"),
                call.invocation().canAsk() ? call.invocation().err() : null);
        Image image = images.add(call.requiredArgument("name"), type, architecture, call.flag("default"), content,
                call.actor());
        call.out().println("added " + image.displayName() + " (" + image.id() + "): version 0, "
                + Texts.size(content.size()) + (image.isDefault() ? "; default " + type + " image" : ""));
        return Exit.DONE;
    }
}
