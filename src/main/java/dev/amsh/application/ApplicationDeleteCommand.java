package dev.amsh.application;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.Invocation;
import dev.amsh.command.OptionSpec;
import dev.amsh.catalog.Texts;
import dev.amsh.command.ValueKind;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code application delete}: the whole application or one version, after confirmation. */
@Component
public class ApplicationDeleteCommand extends AmshCommand {

    static final CommandSpec SPEC = new CommandSpec("application delete",
            "Delete an application (all its versions) or one version",
            List.of(ArgumentSpec.required("name", ValueKind.TEXT, "application name")
                    .completedBy(ApplicationNameCompleter.class)),
            List.of(OptionSpec.value("version", 'v', ValueKind.NUMBER, "delete only this version")
                    .completedBy(ApplicationVersionCompleter.class),
                    OptionSpec.flag("yes", 'y', "do not ask for confirmation")),
            CatalogAccess.CHANGES)
            .withAliases("app delete");

    private final ApplicationService applications;

    public ApplicationDeleteCommand(ApplicationService applications) {
        super(SPEC);
        this.applications = applications;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String name = call.requiredArgument("name");
        OptionalInt version = call.numberOption("version");
        Invocation invocation = call.invocation();
        if (call.flag("yes") || invocation.assumeYes()) {
            call.out().println(ApplicationTexts.removed(invocation.removedVerb(),
                    applications.delete(name, version, Optional.empty(), call.actor())));
            return Exit.DONE;
        }
        List<Integer> shown = applications.require(name).sortedVersions().stream()
                .map(ApplicationVersion::version).toList();
        String item = version.isPresent() ? name + " version " + version.getAsInt()
                : name + " (" + (shown.size() == 1 ? "version " : "versions ") + Texts.joinNumbers(shown) + ")";
        String target = "application " + item;
        if (!invocation.canAsk()) {
            applications.declined(call.actor(), target, "there is no terminal to confirm on; add --yes");
            invocation.err().println("error: nothing removed: deleting " + target
                    + " needs confirmation and there is no terminal to ask; add --yes");
            return Exit.REFUSED;
        }
        call.out().println("The following " + (version.isPresent() ? "application version" : "application")
                + " will be REMOVED:");
        call.out().println("  - " + item);
        if (!invocation.confirm()) {
            applications.declined(call.actor(), target, "the operator answered no");
            call.out().println("nothing removed");
            return Exit.REFUSED;
        }
        call.out().println(ApplicationTexts.removed(invocation.removedVerb(),
                applications.delete(name, version, Optional.of(shown), call.actor())));
        return Exit.DONE;
    }
}
