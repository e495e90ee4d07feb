package dev.amsh.catalog;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions racing on one catalog as clients of its service, each line a request over the socket as
 * one-shots and the REPL send it: deletes of images and versions, adds, default switches and
 * application pins, on few names so that they collide. Every line must end done or refused (never
 * failed, never a trace), leave exactly one audit event, each image's stored counts must equal
 * what its rows count after every line, and the catalog's invariants must hold after every round.
 * The seed is printed; {@code -Damsh.served.seed=N} replays one.
 */
class ServedConcurrencyTest {

    private static final int SESSIONS = 4;
    private static final int ROUNDS = 4;
    private static final int LINES = 25;
    private static final List<String> NAMES = List.of("jammy", "noble", "focal", "srv.jammy");
    private static final List<String> APPLICATIONS = List.of("app1", "app2");
    private static final Pattern TRACE = Pattern.compile("Exception|\\tat ");

    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    ShellHarness shell;
    CatalogFixture catalog;
    Path image;

    @BeforeEach
    void emptyServedCatalog() {
        shell = CatalogBackend.SERVED_DERBY.bean(ShellHarness.class);
        catalog = CatalogBackend.SERVED_DERBY.bean(CatalogFixture.class);
        catalog.reset();
        image = CatalogFixture.imageFile(1024);
    }

    @Test
    void clientsOfOneServiceRacingKeepTheInvariantsAndAuditEveryLine() throws Exception {
        long seed = Long.getLong("amsh.served.seed", System.nanoTime());
        System.out.println("ServedConcurrencyTest seed " + seed + " (replay with -Damsh.served.seed=" + seed + ")");
        Random seeds = new Random(seed);
        CatalogInvariants invariants = new CatalogInvariants(catalog.jdbc());
        invariants.insertImmutable("srv.jammy", ImageType.CONTAINER, true, 3);
        invariants.insertImmutable("srv.jammy", ImageType.VM, true, 2);
        invariants.assertHold();

        ExecutorService sessions = Executors.newFixedThreadPool(SESSIONS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                int eventsBefore = catalog.count("AUDIT_EVENT");
                CyclicBarrier start = new CyclicBarrier(SESSIONS);
                ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
                List<Future<Integer>> audited = new ArrayList<>();
                for (int session = 0; session < SESSIONS; session++) {
                    Random random = new Random(seeds.nextLong());
                    audited.add(sessions.submit(() -> race(start, random, wrong)));
                }
                int lines = 0;
                for (Future<Integer> session : audited) {
                    lines += session.get(5, TimeUnit.MINUTES);
                }
                assertThat(wrong).as("seed %d, round %d: lines neither done nor refused, or after which the counts drifted",
                        seed, round).isEmpty();
                assertThat(catalog.count("AUDIT_EVENT") - eventsBefore)
                        .as("seed %d, round %d: one audit event per line", seed, round).isEqualTo(lines);
                invariants.assertHold();
            }
        }
        finally {
            sessions.shutdownNow();
        }
        System.out.println("ServedConcurrencyTest: " + done + " lines done, " + refused + " refused");
        assertThat(done.get()).as("lines done: the race changed the catalog").isPositive();
        assertThat(refused.get()).as("lines refused: the race met the rules").isPositive();
    }

    /** One session's lines; returns how many it ran, and notes any that failed. */
    private int race(CyclicBarrier start, Random random, ConcurrentLinkedQueue<String> wrong) throws Exception {
        start.await(1, TimeUnit.MINUTES);
        for (int i = 0; i < LINES; i++) {
            String line = nextLine(random);
            ShellHarness.Result result = shell.run(line);
            (result.exitCode() == 0 ? done : refused).incrementAndGet();
            if (result.exitCode() > 1 || TRACE.matcher(result.out() + result.err()).find()) {
                wrong.add(line + " -> exit " + result.exitCode() + ": " + result.err().strip());
            }
            checkCountsAfter(line, wrong);
        }
        return LINES;
    }

    /**
     * The stored counts as a fresh serializable transaction sees the committed catalog right after a
     * line, whatever the other sessions are doing; a lock conflict of the check itself is tried again.
     */
    private void checkCountsAfter(String line, ConcurrentLinkedQueue<String> wrong) {
        TransactionTemplate check = new TransactionTemplate(new DataSourceTransactionManager(catalog.jdbc().getDataSource()));
        check.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);
        check.setReadOnly(true);
        for (int attempt = 1; ; attempt++) {
            try {
                check.executeWithoutResult(status -> new CatalogInvariants(catalog.jdbc()).assertCountsHold());
                return;
            }
            catch (AssertionError drifted) {
                wrong.add("after " + line + ": " + drifted.getMessage());
                return;
            }
            catch (PessimisticLockingFailureException conflict) {
                if (attempt == 5) {
                    throw conflict;
                }
            }
        }
    }

    private String nextLine(Random random) {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        String vm = random.nextInt(4) == 0 ? " --vm" : "";
        String application = APPLICATIONS.get(random.nextInt(APPLICATIONS.size()));
        return switch (random.nextInt(8)) {
            case 0, 1 -> "image add " + name + " " + image + (vm.isEmpty() ? "" : " --type vm");
            case 2 -> "image update " + name + " " + image + vm;
            case 3 -> "image delete " + name + vm + " --yes";
            case 4 -> "image delete " + name + " --version " + random.nextInt(3) + vm + " --yes";
            case 5 -> "image switch " + name + vm;
            case 6 -> "application create " + application + " --image " + name + vm;
            default -> "application delete " + application + " --yes";
        };
    }
}
