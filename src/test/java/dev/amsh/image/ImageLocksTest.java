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

import java.util.List;
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
    String jammy;
    String focal;

    @BeforeEach
    void twoImages() {
        CatalogFixture catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        store = backend.bean(ImageStore.class);
        transaction = new TransactionTemplate(backend.bean(PlatformTransactionManager.class));
        CatalogSteps given = new CatalogSteps(backend.bean(ImageService.class), backend.bean(ApplicationService.class));
        given.container("the-default");
        jammy = given.containerWithVersions("jammy", 1).id();
        focal = given.containerWithVersions("focal", 1).id();
    }

    @Test
    void aLockedImageWaitsForTheHolderAndIsReadAsTheHolderLeftIt() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            assertThat(store.lockImage(jammy)).isPresent();
            store.removeVersion(jammy, 0);
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(() -> lockAlone(jammy));
        Thread.sleep(1500);
        assertThat(waiter).as("the second lock waits for the first").isNotDone();
        assertThat(lockAlone(focal)).as("another image is free").isPresent();

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        Image read = waiter.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(read.sortedVersions()).extracting(ImageVersion::version).as("read after the holder committed")
                .containsExactly(1);
    }

    @Test
    void imagesLockedTogetherKeepEachOfThemWaiting() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            store.lockImages(List.of(focal, jammy, "no-such-image-id-000"));
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(() -> lockAlone(jammy));
        Thread.sleep(1500);
        assertThat(waiter).isNotDone();

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void anImageThatIsGoneIsNotLocked() {
        assertThat(lockAlone("no-such-image-id-000")).isEmpty();
        Optional<Image> gone = transaction.execute(status -> store.lockForChange("no-such-image-id-000",
                ImageType.CONTAINER));
        assertThat(gone).isEmpty();
    }

    @Test
    void aChangeWaitsForTheHolderOfItsTypeAndReadsTheImageAsTheHolderLeftIt() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            store.lockTypes(List.of(ImageType.CONTAINER));
            assertThat(store.lockImage(jammy)).isPresent();
            store.removeVersion(jammy, 0);
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(
                () -> transaction.execute(status -> store.lockForChange(focal, ImageType.CONTAINER)));
        Thread.sleep(1500);
        assertThat(waiter).as("a change of another image of the type waits for the type").isNotDone();

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isPresent();
        Image read = transaction.execute(status -> store.lockForChange(jammy, ImageType.CONTAINER)).orElseThrow();
        assertThat(read.sortedVersions()).extracting(ImageVersion::version).containsExactly(1);
    }

    @Test
    void aChangeWaitsForTheHolderOfItsImageAndReadsItAsTheHolderLeftIt() throws Exception {
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(status -> {
            assertThat(store.lockImage(jammy)).isPresent();
            store.removeVersion(jammy, 0);
            locked.countDown();
            await(release);
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Optional<Image>> waiter = CompletableFuture.supplyAsync(
                () -> transaction.execute(status -> store.lockForChange(jammy, ImageType.CONTAINER)));
        Thread.sleep(1500);
        assertThat(waiter).as("the change waits for the image's lock").isNotDone();

        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
        Image read = waiter.get(30, TimeUnit.SECONDS).orElseThrow();
        assertThat(read.sortedVersions()).extracting(ImageVersion::version).as("read after the holder committed")
                .containsExactly(1);
    }

    /** Locks and reads the image in a transaction of its own, which ends with it. */
    private Optional<Image> lockAlone(String id) {
        return transaction.execute(status -> store.lockImage(id));
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
