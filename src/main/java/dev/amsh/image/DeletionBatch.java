package dev.amsh.image;

import dev.amsh.audit.AuditLog;
import dev.amsh.catalog.CatalogPrivileges;
import dev.amsh.command.AmshCommandParser;
import dev.amsh.command.CommandCall;
import dev.amsh.command.Invocation;
import dev.amsh.command.ParsedCommand;
import dev.amsh.command.UsageException;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.DeletionDecision;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.ImageFacts.Pin;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import dev.amsh.image.rules.Removal;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.Names;
import dev.amsh.vocabulary.Xid;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code image delete} lines decided together, in a transaction that holds them all: the facts of every
 * image they name read in a few statements, each line decided in order by {@link DeletionPlanner} with the
 * same rules as a delete alone, then the removals and each line's audit event written in JDBC batches
 * under the same locks (the types, then the images by id). What each line prints is what the command
 * prints.
 */
@Service
public class DeletionBatch {

    /** Images read, locked and removed per statement or batch: bounds an IN list on both engines. */
    static final int CHUNK = 500;

    // The commands' registry holds the script command, which runs this batch: looked up at run time.
    private final ObjectProvider<AmshCommandParser> parser;
    private final ObjectProvider<CommandRegistry> registry;
    private final CatalogPrivileges privileges;
    private final ImageStore store;
    private final ImageQueries queries;
    private final ListingQueries listing;
    private final AuditLog audit;

    DeletionBatch(ObjectProvider<AmshCommandParser> parser, ObjectProvider<CommandRegistry> registry, CatalogPrivileges privileges, ImageStore store,
            ImageQueries queries, ListingQueries listing, AuditLog audit) {
        this.parser = parser;
        this.registry = registry;
        this.privileges = privileges;
        this.store = store;
        this.queries = queries;
        this.listing = listing;
        this.audit = audit;
    }

    /**
     * The line as an {@code image delete} call that can be decided with others: parsed as the shell parses
     * it, confirmed (its {@code --yes} or the invocation's), without {@code --timeout} (a wait of its own)
     * or {@code --help}, by a user who may change the catalog. Empty for any other line, and for one the
     * parser refuses: those run alone, and say why.
     */
    public Optional<CommandCall> plainDelete(String line, PrintWriter out, Invocation invocation) {
        ParsedCommand parsed;
        try {
            parsed = parser.getObject().parse(line);
        }
        catch (UsageException notUnderstood) {
            return Optional.empty();
        }
        if (parsed.command().spec() != ImageDeleteCommand.COMMAND || parsed.asksForHelp()
                || privileges.readOnlyUser().isPresent()) {
            return Optional.empty();
        }
        CommandCall call = new CommandCall(parsed.words().orElseThrow(), out, registry.getObject(), invocation);
        try {
            if (call.option("timeout").isPresent() || !(call.flag("yes") || invocation.assumeYes())) {
                return Optional.empty();
            }
            ImageDeleteCommand.requestOf(call);
        }
        catch (UsageException notUnderstood) {
            return Optional.empty();
        }
        return Optional.of(call);
    }

    /**
     * Decides the calls in order and applies what the rules allow, in the caller's transaction: the
     * decisions of the first calls, up to one that must run alone ({@link DeletionPlanner}), or with
     * {@code stopAtRefusal} up to and with the first refusal. A refused line changes nothing and records
     * nothing, as a line refused inside an atomic run leaves nothing behind.
     */
    // A failure leaves the caller's savepoint to undo the batch: marking the whole run's transaction for
    // rollback here would fail every line after it, even in a run that goes on after errors.
    @Transactional(propagation = Propagation.MANDATORY, noRollbackFor = RuntimeException.class)
    public List<DeletionDecision> deleteInOrder(List<CommandCall> calls, boolean stopAtRefusal) {
        List<DeletionRequest> requests = calls.stream().map(ImageDeleteCommand::requestOf).toList();
        // A name without --vm finds the vm image once the container one is gone: both types may be read.
        store.holdTypes(List.of(ImageType.values()));
        Set<String> ids = new LinkedHashSet<>();
        chunks(new ArrayList<>(referencedNames(requests)), names -> ids.addAll(queries.idsNamed(names)));
        chunks(new ArrayList<>(referencedIds(requests)), candidates -> ids.addAll(queries.existingIds(candidates)));
        List<String> sorted = ids.stream().sorted().toList();
        store.lockImages(sorted);
        List<DeletionPlanner.KnownImage> images = new ArrayList<>();
        Map<String, List<VersionFacts>> versions = new HashMap<>();
        Map<String, List<Pin>> pins = new HashMap<>();
        chunks(sorted, chunk -> {
            images.addAll(queries.knownImages(chunk));
            versions.putAll(listing.versions(chunk));
            pins.putAll(listing.pins(chunk));
        });
        List<DeletionDecision> decisions = new DeletionPlanner(images, versions, pins)
                .decideInOrder(requests, stopAtRefusal);
        apply(calls, decisions);
        return decisions;
    }

    /** What the command prints for its decision, and its exit status. */
    public ExitStatus report(CommandCall call, DeletionDecision decision) {
        ExitStatus status = ImageDeleteCommand.report(call, decision.allowed()
                ? new ChangeOutcome.Applied<>(decision.removal().orElseThrow())
                : new ChangeOutcome.Refused<>(decision.refusals()));
        call.out().flush();
        return status;
    }

    private void apply(List<CommandCall> calls, List<DeletionDecision> decisions) {
        List<Removal> removals = new ArrayList<>();
        List<Actor> actors = new ArrayList<>();
        List<List<String>> changes = new ArrayList<>();
        Map<ImageType, Integer> changedTypes = new EnumMap<>(ImageType.class);
        for (int line = 0; line < decisions.size(); line++) {
            Optional<Removal> removal = decisions.get(line).removal();
            if (removal.isPresent()) {
                removals.add(removal.get());
                actors.add(calls.get(line).actor());
                changes.add(List.of(DeletionTexts.removed(removal.get())));
                changedTypes.merge(removal.get().type(), 1, Integer::sum);
            }
        }
        store.countTypeChanges(changedTypes);
        // All at once: the store orders a batch by its indexes, which pays only across the whole run.
        store.removeAll(removals);
        for (int from = 0; from < removals.size(); from += CHUNK) {
            int to = Math.min(from + CHUNK, removals.size());
            audit.doneEach(actors.subList(from, to), changes.subList(from, to));
        }
    }

    private static Set<String> referencedNames(List<DeletionRequest> requests) {
        Set<String> names = new LinkedHashSet<>();
        // A longer reference names no image (ImageQueries.locate): the planner leaves it to run alone.
        requests.stream().map(DeletionRequest::imageRef).filter(ref -> ref.length() <= Names.MAX_LENGTH)
                .forEach(names::add);
        return names;
    }

    private static Set<String> referencedIds(List<DeletionRequest> requests) {
        Set<String> ids = new LinkedHashSet<>();
        requests.stream().map(DeletionRequest::imageRef).filter(Xid::looksLikeId).forEach(ids::add);
        return ids;
    }

    private static void chunks(List<String> values, Consumer<List<String>> action) {
        for (int from = 0; from < values.size(); from += CHUNK) {
            action.accept(values.subList(from, Math.min(from + CHUNK, values.size())));
        }
    }
}
