package dev.amsh.image;

import dev.amsh.application.ApplicationService;
import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogSteps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image locks of {@link ImageStore} on each database, with two real sessions: a lock held in an open
 * transaction keeps the other session's lock on that image waiting until it ends, and the waiting session
 * then reads the image as the first one left it, not as it was when it began to wait. A change's locks (its
 * type's, then its image's: on PostgreSQL sent with the read in one round trip) wait the same way.
 */
@ParameterizedClass
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageLocksTest {

    @Parameter
    CatalogBackend backend;

    ImageStore store;
    TransactionTemplate transaction;
    CatalogFixture catalog;
    CatalogSteps given;
    String jammy;
    String focal;

    @BeforeEach
    void twoImages() {
        catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        store = backend.bean(ImageStore.class);
        transaction = new TransactionTemplate(backend.bean(PlatformTransactionManager.class));
        given = new CatalogSteps(backend.bean(ImageService.class), backend.bean(ApplicationService.class));
        given.container("the-default");
        jammy = given.containerWithVersions("jammy", 1).id();
        focal = given.containerWithVersions("focal", 1).id();
    }

    @Test
    void aLockedImageWaitsForTheHolderAndIsReadAsTheHolderLeftIt() throws Exception {
        Holder holder = new Holder(this::removeJammysFirstVersion);

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(() -> lockAlone(jammy));
        assertWaiting(waiter, "the second lock waits for the first");
        assertThat(lockAlone(focal)).as("another image is free").isPresent();

        holder.commit();
        assertReadAfterTheHolderCommitted(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void imagesLockedTogetherKeepEachOfThemWaiting() throws Exception {
        Holder holder = new Holder(() -> store.lockImages(List.of(focal, jammy, "no-such-image-id-000")));

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(() -> lockAlone(jammy));
        assertWaiting(waiter, "a lock of one of them waits");

        holder.commit();
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void anImageThatIsGoneIsNotLocked() {
        assertThat(lockAlone("no-such-image-id-000")).isEmpty();
        assertThat(lockForChangeAlone("no-such-image-id-000")).isEmpty();
    }

    @Test
    void aChangeWaitsForTheHolderOfItsTypeAndReadsTheImageAsTheHolderLeftIt() throws Exception {
        Holder holder = new Holder(() -> {
            store.lockTypes(List.of(ImageType.CONTAINER));
            removeJammysFirstVersion();
        });

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(() -> lockForChangeAlone(focal));
        assertWaiting(waiter, "a change of another image of the type waits for the type");

        holder.commit();
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isPresent();
        assertReadAfterTheHolderCommitted(lockForChangeAlone(jammy));
    }

    @Test
    void aChangeWaitsForTheHolderOfItsImageAndReadsItAsTheHolderLeftIt() throws Exception {
        Holder holder = new Holder(this::removeJammysFirstVersion);

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(() -> lockForChangeAlone(jammy));
        assertWaiting(waiter, "the change waits for the image's lock");

        holder.commit();
        assertReadAfterTheHolderCommitted(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aChangeByNameWaitsForTheHolderOfItsTypeAndReadsTheImageAsTheHolderLeftIt() throws Exception {
        Holder holder = new Holder(() -> {
            store.lockTypes(List.of(ImageType.CONTAINER));
            removeJammysFirstVersion();
        });

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(
                () -> transaction.execute(status -> store.lockReferencedForChange("jammy", false)));
        assertWaiting(waiter, "a change by name waits for its type");

        holder.commit();
        assertReadAfterTheHolderCommitted(waiter.get(30, TimeUnit.SECONDS));
    }

    @Test
    void aNameRefersToItsContainerImageBeforeItsVmOneAndCountsTheChangeOnThatTypeAlone() {
        String jammyVm = given.vm("jammy").id();
        String soloVm = given.vm("solo").id();

        assertThat(lockedByReference("jammy", false)).isEqualTo(jammy);
        assertThat(lockedByReference("jammy", true)).isEqualTo(jammyVm);
        assertThat(lockedByReference("solo", false)).isEqualTo(soloVm);
        assertThat(lockedByReference(jammy, false)).as("an id").isEqualTo(jammy);
        Map<String, Long> before = typeChanges();
        Optional<Image> unknown = transaction.execute(status -> store.lockReferencedForChange("no-such-name", false));
        assertThat(unknown).isEmpty();
        lockedByReference("solo", false);
        assertThat(typeChanges()).containsEntry("container", before.get("container"))
                .containsEntry("vm", before.get("vm") + 1);
    }

    /**
     * What a name refers to cannot change under a change's locks: one that waits for a session adding the
     * name's container image (a vm image of the name being there) then refers to the new image.
     */
    @Test
    void aChangeByNameWaitsForAnImageOfTheNameBeingAddedAndThenRefersToIt() throws Exception {
        given.vm("solo");
        CountDownLatch added = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> adder = CompletableFuture.supplyAsync(() -> transaction.execute(status -> {
            String id = given.container("solo").id();
            added.countDown();
            await(release);
            return id;
        }));
        assertThat(added.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> lockedByReference("solo", false));
        assertWaiting(waiter, "the change waits for the name's container type");

        release.countDown();
        String soloContainer = adder.get(30, TimeUnit.SECONDS);
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo(soloContainer);
    }

    /** Another session's transaction: it takes its locks (and makes its changes), then holds them until committed. */
    private final class Holder {

        private final CountDownLatch release = new CountDownLatch(1);
        private final CompletableFuture<Void> transactionDone;

        Holder(Runnable locksAndChanges) throws InterruptedException {
            CountDownLatch locked = new CountDownLatch(1);
            transactionDone = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
                locksAndChanges.run();
                locked.countDown();
                await(release);
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        }

        void commit() throws Exception {
            release.countDown();
            transactionDone.get(30, TimeUnit.SECONDS);
        }
    }

    private void removeJammysFirstVersion() {
        assertThat(store.lockImage(jammy)).isPresent();
        store.removeVersion(jammy, 0);
    }

    private static void assertWaiting(CompletableFuture<?> waiter, String what) throws InterruptedException {
        Thread.sleep(1500);
        assertThat(waiter).as(what).isNotDone();
    }

    private static void assertReadAfterTheHolderCommitted(Optional<Image> read) {
        assertThat(read.orElseThrow().sortedVersions()).extracting(ImageVersion::version)
                .as("read after the holder committed").containsExactly(1);
    }

    /** The id of the image a reference names, locked for a change in a transaction of its own. */
    private String lockedByReference(String imageRef, boolean vm) {
        return transaction.execute(status -> store.lockReferencedForChange(imageRef, vm)).orElseThrow().id();
    }

    private Map<String, Long> typeChanges() {
        Map<String, Long> changes = new HashMap<>();
        catalog.jdbc().query("SELECT TYPE, CHANGES FROM IMAGE_TYPE",
                (ResultSet row) -> { changes.put(row.getString(1), row.getLong(2)); });
        return changes;
    }

    /** Locks and reads the image in a transaction of its own, which ends with it. */
    private Optional<Image> lockAlone(String id) {
        return transaction.execute(status -> store.lockImage(id));
    }

    /** Locks the container type and then the image, and reads it, in a transaction of its own. */
    private Optional<Image> lockForChangeAlone(String id) {
        return transaction.execute(status -> store.lockForChange(id, ImageType.CONTAINER));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
