package dev.amsh.audit;

import dev.amsh.catalog.SqlWrite;
import dev.amsh.command.FailureRecorder;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.Secrets;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records every command that changed or tried to change the catalog. A done or refused
 * command is recorded in its own transaction, so the event and the change commit together; a
 * failed one, or one refused by an exception (its transaction rolled back), in a new transaction.
 */
@Service
public class AuditLog implements FailureRecorder {

    static final int MAX_COMMAND_TEXT = 4000;
    static final int MAX_DETAIL = 32000;
    static final int MAX_ORIGIN = 1000;

    private final AuditRepository repository;
    private final AuditBatches batches;
    private final Clock clock;

    AuditLog(AuditRepository repository, AuditBatches batches, Clock clock) {
        this.repository = repository;
        this.batches = batches;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void done(Actor actor, List<String> changes) {
        insert(actor, Outcome.DONE, changes);
    }

    /**
     * The event {@link #done} would write, for a port to send with the change it records, in the change's
     * transaction: one round trip for both where the database allows.
     */
    public SqlWrite doneEvent(Actor actor, List<String> changes) {
        return AuditBatches.insertOf(event(actor, Outcome.DONE, changes));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void refused(Actor actor, List<String> reasons) {
        insert(actor, Outcome.REFUSED, reasons);
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(Actor actor, String why) {
        insert(actor, Outcome.FAILED, List.of(why));
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void interrupted(Actor actor, String why) {
        insert(actor, Outcome.INTERRUPTED, List.of(why));
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refusedByState(Actor actor, String why) {
        insert(actor, Outcome.REFUSED, List.of(why));
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> newest(int limit) {
        return repository.newest(limit);
    }

    /**
     * Up to {@code limit} events older than event {@code before} (keyset paging: newest first), of
     * the given outcome only when one is given.
     */
    @Transactional(readOnly = true)
    public List<AuditEvent> page(Optional<Outcome> outcome, long before, int limit) {
        return outcome.map(only -> repository.newestBefore(before, only.wireName(), limit))
                .orElseGet(() -> repository.newestBefore(before, limit));
    }

    /**
     * One {@code done} event for each actor, with its changes, in their order, in one JDBC batch of the
     * current transaction: changes decided together, each recorded as if it had been made alone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void doneEach(List<Actor> actors, List<List<String>> changes) {
        List<AuditBatches.Event> events = new ArrayList<>(actors.size());
        for (int line = 0; line < actors.size(); line++) {
            events.add(event(actors.get(line), Outcome.DONE, changes.get(line)));
        }
        batches.append(events);
    }

    /** An event of its own, committed whatever happens to the current transaction (a run's summary). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Actor actor, Outcome outcome, List<String> lines) {
        insert(actor, outcome, lines);
    }

    private void insert(Actor actor, Outcome outcome, List<String> lines) {
        batches.append(event(actor, outcome, lines));
    }

    private AuditBatches.Event event(Actor actor, Outcome outcome, List<String> lines) {
        // Microseconds, as every time amsh stores: what PostgreSQL keeps, so a moved catalog reads the same.
        return new AuditBatches.Event(clock.instant(), clip(actor.user(), 100),
                actor.pid().isPresent() ? actor.pid().getAsLong() : null, clip(actor.origin(), MAX_ORIGIN),
                clip(actor.commandText(), MAX_COMMAND_TEXT), outcome.wireName(),
                clip(Secrets.redact(String.join("\n", lines)), MAX_DETAIL));
    }

    /** Huge input (a 5,000-character name) is still audited, shortened so it fits its column. */
    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 20) + "... (" + text.length() + " chars)";
    }
}
