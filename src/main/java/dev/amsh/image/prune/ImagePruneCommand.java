package dev.amsh.image.prune;

import dev.amsh.command.AmshCommand;
import dev.amsh.command.CatalogAccess;
import dev.amsh.command.CommandCall;
import dev.amsh.command.CommandSpec;
import dev.amsh.command.Exit;
import dev.amsh.command.Invocation;
import dev.amsh.command.OptionSpec;
import dev.amsh.command.UsageException;
import dev.amsh.command.ValueKind;
import dev.amsh.image.ImageQueries;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code image prune}: removes old versions of mutable images in one go, never what a rule
 * protects. Prints the plan, asks (or takes {@code --yes}), then applies exactly that plan.
 */
@Component
public class ImagePruneCommand extends AmshCommand {

    static final CommandSpec COMMAND = new CommandSpec("image prune",
            "Remove old versions of images, never the newest, a pinned one or any of an immutable image",
            List.of(),
            List.of(OptionSpec.value("keep-last", ValueKind.NUMBER, "keep this many newest versions of each image"),
                    OptionSpec.value("older-than", ValueKind.TEXT, "remove only versions older than this (30d, 12h, P2W)")
                            .labelled("DURATION"),
                    OptionSpec.value("name", ValueKind.TEXT, "only images whose name matches this glob").labelled("GLOB"),
                    OptionSpec.flag("dry-run", "print the plan and change nothing"),
                    OptionSpec.flag("yes", 'y', "do not ask for confirmation")),
            CatalogAccess.CHANGES)
            .withRehearsal("dry-run");

    private final PruneService prune;
    private final Clock clock;

    public ImagePruneCommand(PruneService prune, Clock clock) {
        super(COMMAND);
        this.prune = prune;
        this.clock = clock;
    }

    @Override
    protected ExitStatus run(CommandCall call) {
        OptionalInt keepLast = call.numberOption("keep-last");
        Optional<String> olderThan = call.option("older-than");
        if (keepLast.isEmpty() && olderThan.isEmpty()) {
            throw new UsageException("image prune needs --keep-last N or --older-than DURATION (or both)");
        }
        if (keepLast.isPresent() && keepLast.getAsInt() < 1) {
            throw new UsageException("--keep-last must be 1 or more: the newest version always stays");
        }
        PruneCriteria criteria = new PruneCriteria(keepLast, olderThan.map(Durations::parse), clock.instant());
        String pattern = call.option("name").map(ImageQueries::globToLike).orElse("%");

        PrunePlan plan = prune.plan(pattern, criteria);
        PruneTexts.plan(plan).forEach(call.out()::println);
        if (plan.removesNothing()) {
            call.out().println("nothing to prune");
            return Exit.DONE;
        }
        if (call.flag("dry-run")) {
            call.out().println("dry run: nothing removed");
            return Exit.DONE;
        }
        Invocation invocation = call.invocation();
        if (!call.flag("yes") && !invocation.assumeYes()) {
            if (!invocation.canAsk()) {
                prune.declined(call.actor(), plan, invocation.whyItCannotAsk());
                invocation.err().println("error: nothing removed: pruning needs confirmation and "
                        + invocation.whyItCannotAsk());
                return Exit.REFUSED;
            }
            if (!invocation.confirm()) {
                prune.declined(call.actor(), plan, "the operator answered no");
                call.out().println("nothing removed");
                return Exit.REFUSED;
            }
        }
        return call.report(prune.apply(plan, pattern, criteria, call.actor()), pruned -> {
            invocation.removed(0, pruned.removedVersions(), pruned.reclaimedBytes());
            call.out().println(invocation.dryRun() ? PruneTexts.wouldPrune(pruned) : PruneTexts.pruned(pruned));
        }, refusals -> {
            // Pruning applies no rule: the plan applies as shown, or the catalog changed since.
        });
    }
}
