package dev.amsh.application;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.image.ImageNameCompleter;
import dev.amsh.image.ImageService;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
public class ApplicationUpdateCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("application update",
            "Add an application version pinned to the image's newest version",
            List.of(ArgumentSpec.required("application", ValueKind.TEXT, "application id or name")
                    .completedBy(ApplicationNameCompleter.class)),
            List.of(OptionSpec.value("image", ValueKind.TEXT, "image id or name (default: the image it uses now)")
                    .completedBy(ImageNameCompleter.class)),
            CatalogAccess.CHANGES)
            .withAliases("app update");

    private final ApplicationService applications;
    private final ImageService images;

    public ApplicationUpdateCommand(ApplicationService applications, ImageService images) {
        super(COMMAND);
        this.applications = applications;
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Application application = applications.require(call.requiredArgument("application"));
        ApplicationVersion version = applications.update(application.id(), call.option("image"), call.actor());
        call.out().println("application " + application.name() + ": version " + version.version() + " pins "
                + images.require(version.imageId(), false).displayName() + " version " + version.imageVersion());
        return Exit.DONE;
    }
}
