package dev.amsh.image;

import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ProgressBar;
import dev.amsh.catalog.Texts;
import dev.amsh.command.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ImageAddCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("image add",
            "Add an image with version 0 from a local file",
            List.of(ArgumentSpec.required("name", ValueKind.NEW_NAME, "the new image's name"),
                    ArgumentSpec.required("image_path", ValueKind.FILE, "the image file (size and sha256 are read from it)")),
            List.of(OptionSpec.flag("default", 'd', "make it the default image of its type"),
                    OptionSpec.choice("type", List.of("container", "vm"), "container (default) or vm"),
                    OptionSpec.choice("arch", List.of("x86_64", "aarch64"), "architecture (default x86_64)")),
            CatalogAccess.CHANGES);

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
                ProgressBar.ofBytes(call.invocation().canAsk() ? call.invocation().err() : null, "reading"));
        Image image = images.add(call.requiredArgument("name"), type, architecture, call.flag("default"), content,
                call.actor());
        call.out().println("added " + image.displayName() + " (" + image.id() + "): version 0, "
                + Texts.size(content.size()) + (image.isDefault() ? "; default " + type + " image" : ""));
        return Exit.DONE;
    }
}
