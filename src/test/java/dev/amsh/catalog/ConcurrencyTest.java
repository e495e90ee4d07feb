package dev.amsh.catalog;

import dev.amsh.application.Application;
import dev.amsh.application.ApplicationRemoval;
import dev.amsh.application.ApplicationService;
import dev.amsh.application.ApplicationVersion;
import dev.amsh.catalog.CatalogModel.ModelApplication;
import dev.amsh.catalog.CatalogModel.ModelImage;
import dev.amsh.catalog.CatalogModel.Pin;
import dev.amsh.image.Image;
import dev.amsh.image.ImageContent;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageVersion;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.Refusal;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.Removal;
import dev.amsh.image.rules.Rule;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.vocabulary.Actor;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.ChangeOutcome;
import dev.amsh.vocabulary.RefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions racing on one catalog through the real services, each call its own transaction on its
 * own connection: deletes of images and versions, default switches, application pins of images
 * being deleted, and adds to a type whose sole default is being deleted. Every outcome must be
 * success, a refusal, or a lock conflict the database resolved (counted and reported); any other
 * exception, a database error among them, fails the test. It runs on each database a catalog can
 * live in. The invariants (among them each image's stored counts against what its rows count) must
 * hold after every operation, done or refused, as a fresh transaction sees the catalog, and after
 * each round.
 *
 * <p><b>The serial oracle.</b> After each round the audit log's events are replayed in the order
 * of their ids on a {@link CatalogModel}: every operation that was done applies what the service
 * returned, and must be one the model allows at that point; every refusal must name exactly the
 * rules (D1-D8) the model gives at that point; and the replay must end where the catalog did.
 *
 * <p>Why the id order is a serial order of the history. Every image operation takes its image
 * type's lock and then its image's lock (ImageTypeLocks, by an update of the guarding row, held
 * by Derby and PostgreSQL alike until the transaction ends), reads the facts the rules judge only after that, and
 * writes its audit event (done or refused, the same transaction) while still holding both. Every
 * write that changes such facts holds one of those locks: adds, deletes and default switches of
 * a type hold the type's lock; new and deleted versions hold the image's; pins are written and
 * removed by the application services holding the pinned image's lock (a delete whose
 * application gained a version on another image meanwhile stops rather than remove that pin).
 * So for an operation O and a writer W of O's facts, either W committed before O took the lock
 * they share, and then W's event, written before W's commit, has the smaller id and O saw W's
 * change; or W took that lock after O committed, and W's event has the larger id and O did not
 * see it. Identity values are handed out in increasing order, so the model, after replaying the
 * done events with smaller ids than O's, holds exactly the facts O judged. The one judgement made
 * without a lock is "no such image" (D1 when the name resolves to nothing): it is confirmed if
 * the model lacks the image at some point between O's start and its event, O's start being the
 * smallest of the largest event id before O began (plus one) and the ids of the operations
 * running when it began: an add of the image that O could not see was running then or began
 * later, so its id is at least that start.
 *
 * <p>Refusals that roll back (a name taken, an image not found by a switch) leave no event and
 * name no rule: they are counted, not placed in the order. An application created with the
 * type's default reads that default before it locks the image, so its pin is checked (newest
 * version of an existing image) but not that the image is still the default.
 */
@ParameterizedClass
// Sessions here are threads on the services, as the service's clients are: the served backend adds nothing.
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
class ConcurrencyTest {

    private static final long SEED = 20_240_601L;
    private static final int ROUNDS = 6;
    private static final int THREADS = 5;
    private static final int OPERATIONS_PER_THREAD = 20;
    /**
     * Only a hang detector: a round normally takes seconds, but on a loaded machine every session
     * may wait out the database's lock timeout more than once before it ends.
     */
    private static final long ROUND_TIMEOUT_MILLIS = 300_000;

    /**
     * SQLStates for a deadlock victim and for a lock wait timeout: Derby's (40001, 40XL1, 40XL2) and
     * PostgreSQL's (40P01, 55P03).
     */
    private static final Set<String> LOCK_CONFLICT_STATES = Set.of("40001", "40XL1", "40XL2", "40P01", "55P03");

    private static final List<String> CONTAINER_NAMES = List.of("c1", "c2", "c3", "srv");
    private static final List<String> VM_NAMES = List.of("v1", "v2");
    private static final List<String> APPLICATION_NAMES = List.of("a1", "a2", "a3", "a4");
    private static final ImageContent CONTENT = new ImageContent(2048, "cd".repeat(32));

    @Parameter
    CatalogBackend backend;

    ImageService images;
    ApplicationService applications;
    CatalogFixture catalog;
    PlatformTransactionManager transactions;

    @BeforeEach
    void sessionsOfTheBackend() {
        images = backend.bean(ImageService.class);
        applications = backend.bean(ApplicationService.class);
        catalog = backend.bean(CatalogFixture.class);
        transactions = backend.bean(PlatformTransactionManager.class);
    }

    /** Outcomes by operation and kind ("delete-version refused"), across all rounds. */
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    /** Each lock conflict with the database's description of it (for a deadlock, the cycle of locks and waiters). */
    private final List<String> lockConflicts = new CopyOnWriteArrayList<>();
    /** Ids of images removed by a successful forced whole delete: the only way an immutable image may go. */
    private final Set<String> forcedRemovals = ConcurrentHashMap.newKeySet();
    /** The operations of the current round, as the sessions ran them. */
    private final List<Execution> executions = new CopyOnWriteArrayList<>();
    /** The operations under way: an operation notes them when it starts (see the class comment). */
    private final Set<Execution> running = ConcurrentHashMap.newKeySet();
    /** Rule refusals the serial replay confirmed, by rule set ("[D5, D7]"), across all rounds. */
    private final Map<String, Integer> confirmedRefusals = new TreeMap<>();

    @Test
    void racingSessionsKeepTheInvariants() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            catalog.reset();
            executions.clear();
            CatalogInvariants invariants = seedRound();
            Serial serial = new Serial(CatalogModel.read(catalog.jdbc()));
            long seedEvents = lastEventId();
            runRound(round);
            assertThat(unexpected).as("unexpected failures in round %d", round).isEmpty();
            invariants.assertHold();
            assertThat(forcedRemovals).as("immutable images removed in round %d, other than by a forced delete", round)
                    .containsAll(invariants.removedImmutables());
            replay(serial, seedEvents);
            assertThat(serial.disagreements).as("operations of round %d the serial replay does not confirm", round)
                    .isEmpty();
            assertThat(serial.model.describe()).as("the serial replay of round %d, compared with the catalog", round)
                    .isEqualTo(CatalogModel.describe(catalog.jdbc()));
            serial.confirmed.forEach((rules, n) -> confirmedRefusals.merge(rules, n, Integer::sum));
        }
        report();
        assertThat(count("done")).as("operations done").isPositive();
        assertThat(outcomes.keySet()).as("outcomes").contains("delete-image done", "delete-version done",
                "delete-image refused", "create-application done");
        assertThat(confirmedRefusals.keySet()).as("rule refusals the serial replay confirmed").contains("[D7]");
    }

    /**
     * An image delete holds its image's lock and then reads the applications pinning it; an
     * application update waiting for that image must not hold its application's lock meanwhile
     * (ImageTypeLocks' order: images, then applications), or the two deadlock.
     */
    @Test
    void applicationUpdateWaitingForAnImageHoldsNoApplicationLock() throws Exception {
        catalog.reset();
        seedRound();
        String c1 = images.require("c1", false).id();
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        AtomicReference<Throwable> updateFailure = new AtomicReference<>();
        Thread update = new Thread(() -> {
            try {
                applications.update("a1", Optional.empty(), Actor.of("test", "application update a1"));
            }
            catch (RuntimeException e) {
                updateFailure.set(e);
            }
        }, "application-update");

        List<String> pinnedBy = transaction.execute(status -> {
            // What ImageService.delete does first: lock the image, then read who pins it.
            catalog.jdbc().update("UPDATE IMAGE SET NEXT_VERSION = NEXT_VERSION WHERE ID = ?", c1);
            update.start();
            awaitLockWait();
            return catalog.jdbc().queryForList("""
                    SELECT A.NAME FROM APPLICATION_VERSION AV JOIN APPLICATION A ON A.ID = AV.APPLICATION_ID
                    WHERE AV.IMAGE_ID = ?""", String.class, c1);
        });
        // The update ends as soon as the lock is free: the bound only detects one that never does.
        update.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(pinnedBy).containsExactly("a1");
        assertThat(update.isAlive()).as("application update still waiting").isFalse();
        assertThat(updateFailure.get()).as("application update's failure").isNull();
        assertThat(catalog.count("APPLICATION_VERSION")).isEqualTo(2);
    }

    /** Returns once some session waits for a lock (the database's lock table says so). */
    private void awaitLockWait() {
        // No database announces a lock wait: its lock table is polled, without holding a core; the bound
        // is generous, the wait normally shows at once.
        String waiting = backend == CatalogBackend.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_catalog.pg_locks WHERE NOT granted"
                : "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (catalog.jdbc().queryForObject(waiting, Integer.class) == 0) {
            assertThat(System.nanoTime() - deadline).as("time past the deadline waiting for the update to wait")
                    .isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Container images c1 (default, 3 versions), c2 (2 versions) and the immutable srv; vm image v1
     * as the sole default of its type; one application using c1. Every race starts from here.
     */
    private CatalogInvariants seedRound() {
        CatalogInvariants invariants = new CatalogInvariants(catalog.jdbc());
        Actor actor = Actor.of("test", "seed");
        images.add("c1", ImageType.CONTAINER, Architecture.X86_64, true, CONTENT, actor);
        images.update("c1", false, false, CONTENT, actor);
        images.update("c1", false, false, CONTENT, actor);
        images.add("c2", ImageType.CONTAINER, Architecture.X86_64, false, CONTENT, actor);
        images.update("c2", false, false, CONTENT, actor);
        invariants.insertImmutable("srv", ImageType.CONTAINER, false, 3);
        images.add("v1", ImageType.VM, Architecture.X86_64, false, CONTENT, actor);
        images.update("v1", true, false, CONTENT, actor);
        applications.create("a1", Optional.of("c1"), false, actor);
        invariants.assertHold();
        return invariants;
    }

    private void runRound(int round) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int session = 0; session < THREADS; session++) {
            Random random = new Random(SEED + round * 100L + session);
            Thread thread = new Thread(() -> runSession(start, random), "session-" + round + "-" + session);
            thread.setUncaughtExceptionHandler((t, e) -> unexpected.add(t.getName() + " died: " + e));
            threads.add(thread);
            thread.start();
        }
        long deadline = System.currentTimeMillis() + ROUND_TIMEOUT_MILLIS;
        for (Thread thread : threads) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        List<String> stuck = threads.stream().filter(Thread::isAlive)
                .map(t -> t.getName() + " at " + Arrays.stream(t.getStackTrace()).limit(15)
                        .map(String::valueOf).collect(Collectors.joining("\n    ")))
                .toList();
        threads.forEach(Thread::interrupt);
        assertThat(stuck).as("sessions still running after %d ms in round %d", ROUND_TIMEOUT_MILLIS, round).isEmpty();
    }

    private void runSession(CyclicBarrier start, Random random) {
        try {
            // All sessions begin together, so that their first operations already race; the bound only
            // detects a session that never started.
            start.await(5, TimeUnit.MINUTES);
        }
        catch (Exception e) {
            unexpected.add(Thread.currentThread().getName() + " could not start: " + e);
            return;
        }
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            Operation operation = nextOperation(random);
            // Unique, so that an audit event names the operation it belongs to.
            Execution execution = new Execution(operation, Thread.currentThread().getName() + " #" + i + ": "
                    + operation.description());
            // In this order: an operation beginning after the read gets a larger event id (see the class comment).
            execution.lastEventBefore = lastEventId();
            execution.runningAtStart = List.copyOf(running);
            running.add(execution);
            try {
                execution.result = operation.action().run(Actor.of("test", execution.commandText));
                record(operation.name(), isRefusal(execution.result) ? "refused" : "done");
                checkInvariantsAfter(operation);
            }
            catch (CatalogException refused) {
                execution.refusal = refused;
                record(operation.name(), "refused");
                checkInvariantsAfter(operation);
            }
            catch (RuntimeException e) {
                Optional<SQLException> lockConflict = lockConflict(e);
                if (lockConflict.isPresent()) {
                    execution.lockConflict = true;
                    record(operation.name(), "lock conflict " + lockConflict.get().getSQLState());
                    lockConflicts.add(operation.description() + ": " + lockConflict.get().getMessage());
                }
                else {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    unexpected.add(Thread.currentThread().getName() + " " + operation.description() + ": " + trace);
                }
            }
            finally {
                running.remove(execution);
                executions.add(execution);
            }
        }
    }

    private long lastEventId() {
        Long id = catalog.jdbc().queryForObject("SELECT MAX(ID) FROM AUDIT_EVENT", Long.class);
        return id == null ? 0 : id;
    }

    /**
     * The invariants that need no history, as a fresh serializable transaction sees the committed
     * catalog right after an operation: every committed state must satisfy them, whatever else is
     * running. Serializable, so that the checks' several queries see one state; a lock conflict of
     * the check itself is retried, not counted against the catalog.
     */
    private void checkInvariantsAfter(Operation operation) {
        TransactionTemplate check = new TransactionTemplate(transactions);
        check.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
        check.setReadOnly(true);
        for (int attempt = 1; ; attempt++) {
            try {
                check.executeWithoutResult(status -> new CatalogInvariants(catalog.jdbc()).assertStateHolds());
                return;
            }
            catch (AssertionError broken) {
                unexpected.add(Thread.currentThread().getName() + " after " + operation.description() + ": "
                        + broken.getMessage());
                return;
            }
            catch (RuntimeException e) {
                if (lockConflict(e).isEmpty() || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Places each operation by its audit event and replays the events in id order (see the class
     * comment): each is checked against the model at its point, and the done ones then change it.
     */
    private void replay(Serial serial, long seedEvents) {
        Map<String, Execution> byCommand = new HashMap<>();
        executions.forEach(execution -> byCommand.put(execution.commandText, execution));
        catalog.jdbc().query("SELECT ID, COMMAND_TEXT, OUTCOME FROM AUDIT_EVENT WHERE ID > ? ORDER BY ID", rs -> {
            long id = rs.getLong("ID");
            Execution execution = byCommand.get(rs.getString("COMMAND_TEXT"));
            if (execution == null) {
                serial.disagreements.add("event " + id + " of no operation: " + rs.getString("COMMAND_TEXT"));
            }
            else if (execution.eventId != null) {
                serial.disagree(execution, "a second event, " + id);
            }
            else {
                execution.eventId = id;
                execution.eventOutcome = rs.getString("OUTCOME");
            }
        }, seedEvents);
        for (Execution execution : executions) {
            String audited = execution.eventId == null ? "no event" : execution.eventOutcome;
            if (!audited.equals(execution.expectedEvent())) {
                serial.disagree(execution, "audited as " + audited + " where " + execution.expectedEvent()
                        + " was expected");
            }
        }
        executions.stream().filter(execution -> execution.eventId != null)
                .sorted(Comparator.comparingLong(execution -> execution.eventId))
                .forEach(execution -> {
                    serial.point = execution.eventId;
                    execution.operation.replay().check(serial, execution);
                });
        assertThat(serial.model.danglingPins()).as("pins of the replayed model").isEmpty();
    }

    /** One service call: returns what the service returned. */
    @FunctionalInterface
    private interface Action {
        Object run(Actor actor);
    }

    /** Checks an operation against the model at its point in the serial order, and applies it if done. */
    @FunctionalInterface
    private interface Replay {
        void check(Serial serial, Execution execution);
    }

    private record Operation(String name, String description, Action action, Replay replay) {
    }

    /** One run of an operation: what came back, and where the audit log puts it. */
    private static final class Execution {
        final Operation operation;
        final String commandText;
        long lastEventBefore;
        List<Execution> runningAtStart;
        Object result;
        CatalogException refusal;
        boolean lockConflict;
        Long eventId;
        String eventOutcome;

        Execution(Operation operation, String commandText) {
            this.operation = operation;
            this.commandText = commandText;
        }

        /**
         * A call that returned wrote its event and committed, a refusal it returned too; so did a refusal
         * by RefusedException.
         * Any other refusal by an exception, and a lock conflict, rolled back: no event.
         */
        String expectedEvent() {
            if (result != null) {
                return isRefusal(result) ? "refused" : "done";
            }
            return refusal instanceof RefusedException ? "refused" : "no event";
        }

        /** The smallest event id an operation this one could not see can have (see the class comment). */
        long start() {
            long start = lastEventBefore + 1;
            for (Execution other : runningAtStart) {
                if (other.eventId != null) {
                    start = Math.min(start, other.eventId);
                }
            }
            return start;
        }

        boolean done() {
            return "done".equals(eventOutcome);
        }
    }

    /** The model as the replay brought it to one point of the serial order, and what it disagreed with. */
    private static final class Serial {
        final CatalogModel model;
        /** By name and type, the event that last added the image the model holds (0: there from the start). */
        final Map<String, Long> presentSince = new HashMap<>();
        final List<String> disagreements = new ArrayList<>();
        final Map<String, Integer> confirmed = new TreeMap<>();
        long point;

        Serial(CatalogModel seeded) {
            model = seeded;
            model.images.values().forEach(image -> presentSince.put(key(image.name, image.type), 0L));
        }

        void disagree(Execution execution, String what) {
            disagreements.add(execution.commandText + " (event " + execution.eventId + "): " + what);
        }

        ModelImage image(String name, ImageType type) {
            return model.byName(name, type).orElse(null);
        }

        /** Whether the model lacked the image at some point from event {@code start} to now. */
        boolean absentSince(String name, ImageType type, long start) {
            Long since = presentSince.get(key(name, type));
            return since == null || since >= start;
        }

        void added(ModelImage image) {
            model.images.put(image.id, image);
            presentSince.put(key(image.name, image.type), point);
        }

        void removed(ModelImage image) {
            model.images.remove(image.id);
            presentSince.remove(key(image.name, image.type));
        }

        private static String key(String name, ImageType type) {
            return name + " " + type.wireName();
        }
    }

    private static boolean isRefusal(Object result) {
        return result instanceof ChangeOutcome<?, ?> outcome && !outcome.applied();
    }

    private Operation nextOperation(Random random) {
        String image = pick(random, random.nextInt(3) == 0 ? VM_NAMES : CONTAINER_NAMES);
        boolean vm = VM_NAMES.contains(image);
        ImageType type = vm ? ImageType.VM : ImageType.CONTAINER;
        String application = pick(random, APPLICATION_NAMES);
        int dice = random.nextInt(100);
        if (dice < 20) {
            boolean force = random.nextInt(3) == 0;
            DeletionRequest request = new DeletionRequest(image, OptionalInt.empty(), force, vm);
            return new Operation("delete-image", "delete " + image + (force ? " --force" : ""),
                    actor -> removed(images.delete(request, Optional.empty(), actor), force),
                    (serial, execution) -> replayDelete(serial, execution, image, type,
                            target -> serial.model.refusingWholeDelete(target, force), (target, removal) -> {
                                expect(serial, execution, "versions removed", removal.versionNumbers(),
                                        List.copyOf(target.versions));
                                expect(serial, execution, "default cleared", removal.clearsDefault(),
                                        serial.model.clearsDefault(target));
                                serial.removed(target);
                            }));
        }
        if (dice < 35) {
            int version = random.nextInt(4);
            DeletionRequest request = new DeletionRequest(image, OptionalInt.of(version), random.nextBoolean(), vm);
            return new Operation("delete-version", "delete " + image + " --version " + version,
                    actor -> removed(images.delete(request, Optional.empty(), actor), false),
                    (serial, execution) -> replayDelete(serial, execution, image, type,
                            target -> serial.model.refusingVersionDelete(target, version), (target, removal) -> {
                                expect(serial, execution, "versions removed", removal.versionNumbers(),
                                        List.of(version));
                                target.versions.remove(version);
                            }));
        }
        if (dice < 47) {
            return new Operation("switch", "switch " + image, actor -> images.switchDefault(image, vm, actor).image(),
                    (serial, execution) -> {
                        ModelImage target = serial.image(image, type);
                        if (target == null) {
                            serial.disagree(execution, "switched to an image the serial history does not hold");
                            return;
                        }
                        expect(serial, execution, "image switched to", ((Image) execution.result).id(), target.id);
                        serial.model.makeDefault(target);
                    });
        }
        if (dice < 59) {
            boolean makeDefault = random.nextInt(3) == 0;
            return new Operation("add", "add " + image + (makeDefault ? " --default" : ""),
                    actor -> images.add(image, type, Architecture.X86_64, makeDefault, CONTENT, actor),
                    (serial, execution) -> {
                        if (serial.image(image, type) != null) {
                            serial.disagree(execution, "added an image the serial history already holds");
                            return;
                        }
                        Image added = (Image) execution.result;
                        boolean becomesDefault = makeDefault || serial.model.defaultOf(type).isEmpty();
                        expect(serial, execution, "default", added.isDefault(), becomesDefault);
                        ModelImage modelled = new ModelImage(added.id(), image, type, false, 1);
                        serial.added(modelled);
                        if (becomesDefault) {
                            serial.model.makeDefault(modelled);
                        }
                    });
        }
        if (dice < 69) {
            return new Operation("update", "update " + image,
                    actor -> images.update(image, vm, false, CONTENT, actor),
                    (serial, execution) -> {
                        ModelImage target = serial.image(image, type);
                        if (target == null) {
                            serial.disagree(execution, "updated an image the serial history does not hold");
                            return;
                        }
                        expect(serial, execution, "refused as immutable", !execution.done(), target.immutable);
                        if (execution.done() && !target.immutable) {
                            int version = ((ImageVersion) execution.result).version();
                            expect(serial, execution, "new version", version, target.nextVersion);
                            target.versions.add(version);
                            target.nextVersion = version + 1;
                        }
                    });
        }
        if (dice < 84) {
            // Without --image the default is pinned: the image a concurrent delete or switch is working on.
            Optional<String> imageRef = random.nextBoolean() ? Optional.of(image) : Optional.empty();
            return new Operation("create-application", "application create " + application + " " + imageRef,
                    actor -> applications.create(application, imageRef, vm, actor),
                    (serial, execution) -> {
                        if (serial.model.applications.containsKey(application)) {
                            serial.disagree(execution, "created an application the serial history already holds");
                            return;
                        }
                        ApplicationVersion first = ((Application) execution.result).newestVersion();
                        Pin pin = new Pin(first.imageId(), first.imageVersion());
                        if (pinsNewest(serial, execution, pin, imageRef.map(ref -> serial.image(ref, type)))) {
                            serial.model.applications.put(application, new ModelApplication(pin));
                        }
                    });
        }
        if (dice < 92) {
            Optional<String> imageRef = random.nextBoolean() ? Optional.of(image) : Optional.empty();
            return new Operation("update-application", "application update " + application + " " + imageRef,
                    actor -> applications.update(application, imageRef, actor),
                    (serial, execution) -> {
                        ModelApplication target = serial.model.applications.get(application);
                        if (target == null) {
                            serial.disagree(execution, "updated an application the serial history does not hold");
                            return;
                        }
                        ApplicationVersion added = (ApplicationVersion) execution.result;
                        Pin pin = new Pin(added.imageId(), added.imageVersion());
                        // --image names the container variant first; without it, the application's newest image.
                        ModelImage expected = imageRef.map(ref -> serial.model.resolve(ref, false).orElse(null))
                                .orElseGet(() -> serial.model.images.get(target.versions.lastEntry().getValue().imageId()));
                        expect(serial, execution, "new version", added.version(), target.nextVersion);
                        if (pinsNewest(serial, execution, pin, Optional.ofNullable(expected))) {
                            target.versions.put(added.version(), pin);
                            target.nextVersion = added.version() + 1;
                        }
                    });
        }
        OptionalInt version = random.nextBoolean() ? OptionalInt.of(random.nextInt(3)) : OptionalInt.empty();
        return new Operation("delete-application", "application delete " + application + " " + version,
                actor -> applications.delete(application, version, actor),
                (serial, execution) -> {
                    ModelApplication target = serial.model.applications.get(application);
                    if (target == null) {
                        serial.disagree(execution, "deleted an application the serial history does not hold");
                        return;
                    }
                    boolean allowed = version.isEmpty()
                            || (target.versions.containsKey(version.getAsInt()) && target.versions.size() > 1);
                    expect(serial, execution, "allowed", execution.done(), allowed);
                    if (!execution.done() || !allowed) {
                        return;
                    }
                    @SuppressWarnings("unchecked")
                    ApplicationRemoval removal = ((ChangeOutcome<ApplicationRemoval, String>) execution.result)
                            .appliedChange().orElseThrow();
                    if (version.isEmpty()) {
                        expect(serial, execution, "versions removed", removal.versions(),
                                List.copyOf(target.versions.keySet()));
                        serial.model.applications.remove(application);
                    }
                    else {
                        target.versions.remove(version.getAsInt());
                    }
                });
    }

    /**
     * A delete's refusal must name the rules the model gives; a removal the rules allowed, the model
     * must allow too, and it then changes the model. "No such image" may be judged anywhere from the
     * operation's start to its event (see the class comment).
     */
    private static void replayDelete(Serial serial, Execution execution, String name, ImageType type,
            Function<ModelImage, Set<String>> refusing, BiConsumer<ModelImage, Removal> remove) {
        @SuppressWarnings("unchecked")
        ChangeOutcome<Removal, Refusal> outcome = (ChangeOutcome<Removal, Refusal>) execution.result;
        List<Refusal> refusals = outcome.refusals();
        boolean imageNotFound = refusals.stream()
                .anyMatch(refusal -> refusal.rule() == Rule.D1_UNKNOWN && refusal.reason().endsWith("' not found"));
        if (imageNotFound) {
            if (!serial.absentSince(name, type, execution.start())) {
                serial.disagree(execution, "refused as not found, though the serial history held " + name
                        + " from before the operation began");
            }
            else {
                serial.confirmed.merge("[D1] no such image", 1, Integer::sum);
            }
            return;
        }
        ModelImage target = serial.image(name, type);
        Set<String> expected = target == null ? Set.of("D1") : refusing.apply(target);
        Set<String> named = refusals.stream().map(refusal -> refusal.rule().code())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!named.equals(expected)) {
            serial.disagree(execution, "named " + (named.isEmpty() ? "no rule" : named)
                    + " where the serial history gives " + (expected.isEmpty() ? "no rule" : expected));
        }
        else if (!refusals.isEmpty()) {
            serial.confirmed.merge(named.toString(), 1, Integer::sum);
        }
        else if (execution.done()) {
            remove.accept(target, outcome.appliedChange().orElseThrow());
        }
    }

    /** A pin names the newest version of an image the model holds: the image expected, where that is known. */
    private static boolean pinsNewest(Serial serial, Execution execution, Pin pin, Optional<ModelImage> expected) {
        ModelImage pinned = serial.model.images.get(pin.imageId());
        if (pinned == null) {
            serial.disagree(execution, "pinned an image the serial history does not hold: " + pin);
            return false;
        }
        expected.ifPresent(image -> expect(serial, execution, "pinned image", pin.imageId(), image.id));
        expect(serial, execution, "pinned version", pin.imageVersion(), pinned.versions.last());
        return true;
    }

    private static void expect(Serial serial, Execution execution, String what, Object actual, Object expected) {
        if (!actual.equals(expected)) {
            serial.disagree(execution, what + " " + actual + " where the serial history gives " + expected);
        }
    }

    private ChangeOutcome<Removal, Refusal> removed(ChangeOutcome<Removal, Refusal> outcome, boolean force) {
        outcome.appliedChange().filter(removal -> force && removal.wholeImage())
                .ifPresent(removal -> forcedRemovals.add(removal.imageId()));
        return outcome;
    }

    private static Optional<SQLException> lockConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_CONFLICT_STATES.contains(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private void record(String operation, String outcome) {
        outcomes.computeIfAbsent(operation + " " + outcome, key -> new AtomicInteger()).incrementAndGet();
    }

    private int count(String outcome) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().endsWith(" " + outcome))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Lock conflicts are allowed but must be visible: a rising count points at a lock-order problem. */
    private void report() {
        int total = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("concurrency on " + backend + ": " + total + " operations in " + ROUNDS + " rounds of "
                + THREADS + " sessions: done " + count("done") + ", refused " + count("refused")
                + ", deadlocks (40001/40P01) " + (count("conflict 40001") + count("conflict 40P01"))
                + ", lock timeouts (40XL1/40XL2/55P03) " + (count("conflict 40XL1") + count("conflict 40XL2")
                + count("conflict 55P03")));
        new TreeMap<>(outcomes).forEach((outcome, n) -> System.out.println("  " + outcome + ": " + n));
        confirmedRefusals.forEach((rules, n) ->
                System.out.println("  refusals by " + rules + " the serial replay confirmed: " + n));
        lockConflicts.forEach(conflict -> System.out.println("lock conflict in " + conflict));
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
