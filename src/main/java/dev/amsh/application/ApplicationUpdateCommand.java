package dev.amsh.application;

import dev.amsh.image.ImageService;
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
public class ApplicationUpdateCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("application update",
            "Add an application version pinned to the image's newest version",
            List.of(ArgumentSpec.required("name", ValueKind.APPLICATION, "application name")),
            List.of(OptionSpec.value("image", ValueKind.IMAGE, "image id or name (default: the image it uses now)")),
            true);

    private final ApplicationService applications;
    private final ImageService images;

    public ApplicationUpdateCommand(ApplicationService applications, ImageService images) {
        super(SPEC);
        this.applications = applications;
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String name = call.requiredArgument("name");
        ApplicationVersion version = applications.update(name, call.option("image"), call.actor());
        call.out().println("application " + name + ": version " + version.version() + " pins "
                + images.require(version.imageId(), false).displayName() + " version " + version.imageVersion());
        return Exit.DONE;
    }
}
