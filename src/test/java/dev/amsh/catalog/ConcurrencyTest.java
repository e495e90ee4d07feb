package dev.amsh.catalog;

import dev.amsh.application.ApplicationService;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.ImageContent;
import dev.amsh.image.ImageService;
import dev.amsh.image.ImageService.DeleteOutcome;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions racing on one catalog through the real services, each call its own transaction on its
 * own connection: deletes of images and versions, default switches, application pins of images
 * being deleted, and adds to a type whose sole default is being deleted. Every outcome must be
 * success, a refusal, or a lock conflict Derby resolved (counted and reported); any other
 * exception, a database error among them, fails the test. The invariants must hold after every
 * operation, as a fresh transaction sees the catalog, and after each round.
 */
@TestCatalog
class ConcurrencyTest {

    private static final long SEED = 20_240_601L;
    private static final int ROUNDS = 6;
    private static final int THREADS = 5;
    private static final int OPERATIONS_PER_THREAD = 20;
    /**
     * Only a hang detector: a round normally takes seconds, but on a loaded machine every session
     * may wait out Derby's 20 s lock timeout more than once before it ends.
     */
    private static final long ROUND_TIMEOUT_MILLIS = 300_000;

    /** Derby's SQLStates for a deadlock victim and for a lock wait timeout. */
    private static final Set<String> LOCK_CONFLICT_STATES = Set.of("40001", "40XL1", "40XL2");

    private static final List<String> CONTAINER_NAMES = List.of("c1", "c2", "c3", "srv");
    private static final List<String> VM_NAMES = List.of("v1", "v2");
    private static final List<String> APPLICATION_NAMES = List.of("a1", "a2", "a3", "a4");
    private static final ImageContent CONTENT = new ImageContent(2048, "cd".repeat(32));

    @Autowired
    ImageService images;

    @Autowired
    ApplicationService applications;

    @Autowired
    CatalogFixture catalog;

    @Autowired
    PlatformTransactionManager transactions;

    /** Outcomes by operation and kind ("delete-version refused"), across all rounds. */
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    /** Each lock conflict with Derby's description of it (for a deadlock, the cycle of locks and waiters). */
    private final List<String> lockConflicts = new CopyOnWriteArrayList<>();
    /** Ids of images removed by a successful forced whole delete: the only way an immutable image may go. */
    private final Set<String> forcedRemovals = ConcurrentHashMap.newKeySet();

    @Test
    void racingSessionsKeepTheInvariants() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            catalog.reset();
            CatalogInvariants invariants = seedRound();
            runRound(round);
            assertThat(unexpected).as("unexpected failures in round %d", round).isEmpty();
            invariants.assertHold();
            assertThat(forcedRemovals).as("immutable images removed in round %d, other than by a forced delete", round)
                    .containsAll(invariants.removedImmutables());
        }
        report();
        assertThat(count("done")).as("operations done").isPositive();
        assertThat(outcomes.keySet()).as("outcomes").contains("delete-image done", "delete-version done",
                "delete-image refused", "create-application done");
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
        update.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(pinnedBy).containsExactly("a1");
        assertThat(update.isAlive()).as("application update still waiting").isFalse();
        assertThat(updateFailure.get()).as("application update's failure").isNull();
        assertThat(catalog.count("APPLICATION_VERSION")).isEqualTo(2);
    }

    /** Returns once some session waits for a lock (Derby's lock table says so). */
    private void awaitLockWait() {
        // Polls without holding a core; the bound is generous, the wait normally ends at once.
        long deadline = System.currentTimeMillis() + 60_000;
        while (catalog.jdbc().queryForObject(
                "SELECT COUNT(*) FROM SYSCS_DIAG.LOCK_TABLE WHERE STATE = 'WAIT'", Integer.class) == 0) {
            assertThat(System.currentTimeMillis()).as("time waiting for the update to wait for a lock")
                    .isLessThan(deadline);
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
            // All sessions begin together, so that their first operations already race.
            start.await(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            unexpected.add(Thread.currentThread().getName() + " could not start: " + e);
            return;
        }
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            Operation operation = nextOperation(random);
            try {
                record(operation.name(), operation.action().run() ? "done" : "refused");
                checkInvariantsAfter(operation);
            }
            catch (CatalogException refused) {
                record(operation.name(), "refused");
            }
            catch (RuntimeException e) {
                Optional<SQLException> lockConflict = lockConflict(e);
                if (lockConflict.isPresent()) {
                    record(operation.name(), "lock conflict " + lockConflict.get().getSQLState());
                    lockConflicts.add(operation.description() + ": " + lockConflict.get().getMessage());
                }
                else {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    unexpected.add(Thread.currentThread().getName() + " " + operation.description() + ": " + trace);
                }
            }
        }
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

    /** One service call: returns whether it changed the catalog (false: refused without an exception). */
    @FunctionalInterface
    private interface Action {
        boolean run();
    }

    private record Operation(String name, String description, Action action) {
    }

    private Operation nextOperation(Random random) {
        Actor actor = Actor.of("test", Thread.currentThread().getName());
        String image = pick(random, random.nextInt(3) == 0 ? VM_NAMES : CONTAINER_NAMES);
        boolean vm = VM_NAMES.contains(image);
        String application = pick(random, APPLICATION_NAMES);
        int dice = random.nextInt(100);
        if (dice < 20) {
            boolean force = random.nextInt(3) == 0;
            DeletionRequest request = new DeletionRequest(image, OptionalInt.empty(), force, vm);
            return new Operation("delete-image", "delete " + image + (force ? " --force" : ""),
                    () -> removed(images.delete(request, Optional.empty(), actor), force));
        }
        if (dice < 35) {
            int version = random.nextInt(4);
            DeletionRequest request = new DeletionRequest(image, OptionalInt.of(version), random.nextBoolean(), vm);
            return new Operation("delete-version", "delete " + image + " --version " + version,
                    () -> removed(images.delete(request, Optional.empty(), actor), false));
        }
        if (dice < 47) {
            return new Operation("switch", "switch " + image, () -> {
                images.switchDefault(image, vm, actor);
                return true;
            });
        }
        if (dice < 59) {
            boolean makeDefault = random.nextInt(3) == 0;
            ImageType type = vm ? ImageType.VM : ImageType.CONTAINER;
            return new Operation("add", "add " + image + (makeDefault ? " --default" : ""), () -> {
                images.add(image, type, Architecture.X86_64, makeDefault, CONTENT, actor);
                return true;
            });
        }
        if (dice < 69) {
            return new Operation("update", "update " + image, () -> {
                images.update(image, vm, false, CONTENT, actor);
                return true;
            });
        }
        if (dice < 84) {
            // Without --image the default is pinned: the image a concurrent delete or switch is working on.
            Optional<String> imageRef = random.nextBoolean() ? Optional.of(image) : Optional.empty();
            return new Operation("create-application", "application create " + application + " " + imageRef, () -> {
                applications.create(application, imageRef, vm, actor);
                return true;
            });
        }
        if (dice < 92) {
            Optional<String> imageRef = random.nextBoolean() ? Optional.of(image) : Optional.empty();
            return new Operation("update-application", "application update " + application + " " + imageRef, () -> {
                applications.update(application, imageRef, actor);
                return true;
            });
        }
        OptionalInt version = random.nextBoolean() ? OptionalInt.of(random.nextInt(3)) : OptionalInt.empty();
        return new Operation("delete-application", "application delete " + application + " " + version, () -> {
            applications.delete(application, version, actor);
            return true;
        });
    }

    private boolean removed(DeleteOutcome outcome, boolean force) {
        if (outcome.removed() && force && outcome.decision().removal().orElseThrow().wholeImage()) {
            forcedRemovals.add(outcome.decision().removal().orElseThrow().imageId());
        }
        return outcome.removed();
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
        System.out.println("concurrency: " + total + " operations in " + ROUNDS + " rounds of " + THREADS
                + " sessions: done " + count("done") + ", refused " + count("refused")
                + ", deadlocks (40001) " + count("conflict 40001")
                + ", lock timeouts (40XL1/40XL2) " + (count("conflict 40XL1") + count("conflict 40XL2")));
        new TreeMap<>(outcomes).forEach((outcome, n) -> System.out.println("  " + outcome + ": " + n));
        lockConflicts.forEach(conflict -> System.out.println("lock conflict in " + conflict));
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
