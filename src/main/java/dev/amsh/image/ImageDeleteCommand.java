package dev.amsh.image;

import dev.amsh.catalog.CommandScope;
import dev.amsh.command.AmshCommand;
import dev.amsh.command.ArgumentSpec;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.Invocation;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.ValueKind;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.Removal;
import dev.amsh.image.rules.Rule;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code image delete}: asks the rules, shows what will be removed, asks for confirmation
 * (or takes {@code --yes}), and applies exactly what was shown.
 */
@Component
public class ImageDeleteCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image delete",
            "Delete an image (all its versions) or one version, as the deletion rules allow",
            List.of(ArgumentSpec.required("image", ValueKind.TEXT, "image id or name")
                    .completedBy(ImageNameCompleter.class)),
            List.of(OptionSpec.value("version", 'v', ValueKind.NUMBER, "delete only this version")
                    .completedBy(ImageVersionCompleter.class),
                    OptionSpec.flag("force", 'f', "delete an image synchronized from the image server (overrides D2 only)"),
                    OptionSpec.flag("vm", "the name selects the vm variant"),
                    OptionSpec.flag("yes", 'y', "do not ask for confirmation"),
                    OptionSpec.value("timeout", 't', ValueKind.TEXT,
                            "the longest wait for a lock held by another session (30s, 5m; default 30s)")
                            .labelled("D")),
            CatalogAccess.CHANGES)
            .withNotes(notes());

    private final ImageService images;

    public ImageDeleteCommand(ImageService images) {
        super(COMMAND);
        this.images = images;
    }

    /** Help ends with every rule, so an operator knows what can refuse a delete before trying one. */
    private static List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("rules (a refusal names every rule that blocks, with its remedy):");
        for (Rule rule : Rule.values()) {
            notes.add("  " + rule.code() + " " + rule.summary());
        }
        notes.add("Shows what will be removed and asks 'Do you want to continue? [Y/n]:' (Enter means yes); without a");
        notes.add("terminal to ask on, add --yes. What is removed is exactly what was shown, or nothing.");
        return notes;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        call.durationOption("timeout").ifPresent(timeout -> CommandScope.current()
                .ifPresent(scope -> scope.limitLockWaitsTo(timeout)));
        DeletionRequest request = requestOf(call);
        Invocation invocation = call.invocation();
        if (call.flag("yes") || invocation.assumeYes()) {
            return report(call, images.delete(request, Optional.empty(), call.actor()));
        }
        DeletionDecision plan = images.planDelete(request, call.actor());
        if (!plan.allowed()) {
            return refused(call, plan.refusals());
        }
        Removal removal = plan.removal().orElseThrow();
        if (!invocation.canAsk()) {
            images.declined(call.actor(), removal, invocation.whyItCannotAsk());
            invocation.err().println("error: nothing removed: " + DeletionTexts.target(removal)
                    + " needs confirmation and " + invocation.whyItCannotAsk());
            return Exit.REFUSED;
        }
        showPlan(call.out(), removal);
        if (!invocation.confirm()) {
            images.declined(call.actor(), removal, "the operator answered no");
            call.out().println("nothing removed");
            return Exit.REFUSED;
        }
        return report(call, images.delete(request, Optional.of(removal), call.actor()));
    }

    /** What the call asks to delete; a usage error when {@code --version} is not a number. */
    static DeletionRequest requestOf(CommandCall call) {
        return new DeletionRequest(call.requiredArgument("image"), call.numberOption("version"), call.flag("force"),
                call.flag("vm"));
    }

    /** Prints what the delete did, or why it did nothing, as this command does: its exit status. */
    static ExitStatus report(CommandCall call, ChangeOutcome<Removal, Refusal> outcome) {
        return call.report(outcome, removal -> {
            Invocation invocation = call.invocation();
            invocation.removed(removal.wholeImage() ? 1 : 0, removal.versions().size(), removal.totalSize());
            call.out().println(invocation.removedVerb() + " " + DeletionTexts.contents(removal));
            if (removal.clearsDefault()) {
                call.out().println(invocation.dryRun() ? "there would be no default " + removal.type() + " image"
                        : DeletionTexts.noDefaultLeft(removal.type()));
            }
        }, refusals -> refused(call, refusals));
    }

    private static ExitStatus refused(CommandCall call, List<Refusal> refusals) {
        PrintWriter err = call.invocation().err();
        String rules = refusals.size() == 1 ? "1 rule refuses" : refusals.size() + " rules refuse";
        err.println("error: cannot delete " + Texts.abbreviate(call.requiredArgument("image")) + " (" + rules + "):");
        DeletionTexts.refusals(refusals).forEach(line -> err.println("  " + line));
        return Exit.REFUSED;
    }

    private static void showPlan(PrintWriter out, Removal removal) {
        out.println("The following " + (removal.wholeImage() ? "image" : "image version") + " will be REMOVED:");
        // The name bare: the type follows the id in brackets, so a vm image says so once.
        String oneVersion = removal.wholeImage() ? "" : " version " + removal.versions().get(0).version();
        out.println("  - " + removal.imageName() + oneVersion + " (" + removal.imageId() + ", " + removal.type() + ")");
        for (VersionFacts version : removal.versions()) {
            out.println("    version " + version.version() + "  " + Texts.size(version.size()));
        }
        out.println("  total " + Texts.size(removal.totalSize()));
        if (removal.clearsDefault()) {
            out.println("  it is the only " + removal.type() + " image: there will be no default " + removal.type()
                    + " image");
        }
    }
}
