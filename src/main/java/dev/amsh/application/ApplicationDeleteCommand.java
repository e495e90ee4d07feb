package dev.amsh.application;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.Invocation;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code application delete}: the whole application or one version, after confirmation. */
@Component
public class ApplicationDeleteCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("application delete",
            "Delete an application (all its versions) or one version",
            List.of(ArgumentSpec.required("application", ValueKind.TEXT, "application id or name")
                    .completedBy(ApplicationNameCompleter.class)),
            List.of(OptionSpec.value("version", 'v', ValueKind.NUMBER, "delete only this version")
                    .completedBy(ApplicationVersionCompleter.class),
                    OptionSpec.flag("yes", 'y', "do not ask for confirmation")),
            CatalogAccess.CHANGES)
            .withAliases("app delete");

    private final ApplicationService applications;

    public ApplicationDeleteCommand(ApplicationService applications) {
        super(COMMAND);
        this.applications = applications;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        String applicationRef = call.requiredArgument("application");
        OptionalInt version = call.numberOption("version");
        Invocation invocation = call.invocation();
        if (call.flag("yes") || invocation.assumeYes()) {
            return report(call, applications.delete(applicationRef, version, call.actor()));
        }
        Application application = applications.require(applicationRef);
        String name = application.name();
        List<Integer> shown = application.sortedVersions().stream().map(ApplicationVersion::version).toList();
        String item = version.isPresent() ? name + " version " + version.getAsInt()
                : name + " (" + (shown.size() == 1 ? "version " : "versions ") + Texts.joinNumbers(shown) + ")";
        String target = "application " + item;
        if (!invocation.canAsk()) {
            applications.declined(call.actor(), target, invocation.whyItCannotAsk());
            invocation.err().println("error: nothing removed: deleting " + target
                    + " needs confirmation and " + invocation.whyItCannotAsk());
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
        // By id: what is deleted is the application confirmed, even if its name now names another.
        return report(call, applications.delete(application.id(), version, Optional.of(shown), call.actor()));
    }

    private static ExitStatus report(CommandCall call, ChangeOutcome<ApplicationRemoval, String> outcome) {
        return call.report(outcome,
                removal -> call.out().println(ApplicationTexts.removed(call.invocation().removedVerb(), removal)),
                refusals -> refusals.forEach(refusal -> call.invocation().err().println("error: " + refusal)));
    }
}
