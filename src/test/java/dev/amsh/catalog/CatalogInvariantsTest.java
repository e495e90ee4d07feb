package dev.amsh.catalog;

import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.TestCatalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The invariant checks the model and concurrency tests rely on can fail: each is shown a catalog
 * that breaks it. The foreign key that normally stops a dangling pin is lifted for that case, as
 * a schema without it (or an engine that checks it late) would be.
 */
@TestCatalog
class CatalogInvariantsTest {

    @Autowired
    CatalogFixture catalog;

    CatalogInvariants invariants;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
        invariants = new CatalogInvariants(catalog.jdbc());
    }

    @Test
    void aPinOfAVersionThatIsGoneBreaksTheInvariant() {
        String image = invariants.insertImmutable("jammy", ImageType.CONTAINER, true, 2);
        catalog.jdbc().update("INSERT INTO APPLICATION (ID, NAME, CREATED_AT, NEXT_VERSION) VALUES (?, 'app1', ?, 1)",
                "app-1", Timestamp.from(Instant.now()));
        catalog.jdbc().update("""
                INSERT INTO APPLICATION_VERSION (APPLICATION_ID, VERSION, IMAGE_ID, IMAGE_VERSION, CREATED_AT)
                VALUES ('app-1', 0, ?, 1, ?)""", image, Timestamp.from(Instant.now()));
        // As amsh counts the image's users when it pins.
        catalog.jdbc().update("UPDATE IMAGE SET USED_BY_COUNT = 1 WHERE ID = ?", image);
        invariants.assertHold();

        catalog.jdbc().update("ALTER TABLE APPLICATION_VERSION DROP CONSTRAINT APPLICATION_VERSION_PINS");
        try {
            catalog.jdbc().update("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = ? AND VERSION = 1", image);

            assertThatThrownBy(invariants::assertHold).hasMessageContaining("application versions pinning a missing image version");
        }
        finally {
            catalog.reset();
            catalog.jdbc().update("""
                    ALTER TABLE APPLICATION_VERSION ADD CONSTRAINT APPLICATION_VERSION_PINS
                    FOREIGN KEY (IMAGE_ID, IMAGE_VERSION) REFERENCES IMAGE_VERSION (IMAGE_ID, VERSION)""");
        }
    }

    @Test
    void twoDefaultsOfATypeBreakTheInvariant() {
        invariants.insertImmutable("jammy", ImageType.CONTAINER, true, 1);
        catalog.jdbc().update("ALTER TABLE IMAGE DROP CONSTRAINT IMAGE_ONE_DEFAULT_PER_TYPE");
        try {
            invariants.insertImmutable("noble", ImageType.CONTAINER, true, 1);

            assertThatThrownBy(invariants::assertHold).hasMessageContaining("defaults of type container");
        }
        finally {
            catalog.reset();
            catalog.jdbc().update("ALTER TABLE IMAGE ADD CONSTRAINT IMAGE_ONE_DEFAULT_PER_TYPE UNIQUE (DEFAULT_OF)");
        }
    }

    @Test
    void anImageWithoutVersionsBreaksTheInvariant() {
        String image = invariants.insertImmutable("jammy", ImageType.CONTAINER, true, 1);
        catalog.jdbc().update("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = ?", image);

        assertThatThrownBy(invariants::assertHold).hasMessageContaining("images without a single version");
    }

    @Test
    void aStoredCountOutOfStepWithItsRowsBreaksTheInvariant() {
        String image = invariants.insertImmutable("jammy", ImageType.CONTAINER, true, 2);
        invariants.assertHold();
        catalog.jdbc().update("UPDATE IMAGE SET VERSION_COUNT = 3 WHERE ID = ?", image);

        assertThatThrownBy(invariants::assertHold).hasMessageContaining("stored counts differ");
    }
}
