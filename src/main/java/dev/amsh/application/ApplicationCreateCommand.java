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
public class ApplicationCreateCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("application create",
            "Create an application; version 0 pins the image's newest version",
            List.of(ArgumentSpec.required("name", ValueKind.NEW_NAME, "the new application's name")),
            List.of(OptionSpec.value("image", ValueKind.TEXT, "image id or name (default: the type's default image)")
                    .completedBy(ImageNameCompleter.class),
                    OptionSpec.flag("vm", "use a vm image")),
            CatalogAccess.CHANGES)
            .withAliases("app create");

    private final ApplicationService applications;
    private final ImageService images;

    public ApplicationCreateCommand(ApplicationService applications, ImageService images) {
        super(COMMAND);
        this.applications = applications;
        this.images = images;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        Application application = applications.create(call.requiredArgument("name"), call.option("image"),
                call.flag("vm"), call.actor());
        ApplicationVersion version = application.newestVersion();
        call.out().println("created application " + application.name() + " (" + application.id()
                + "): version 0 pins " + images.require(version.imageId(), false).displayName() + " version "
                + version.imageVersion());
        return Exit.DONE;
    }
}
