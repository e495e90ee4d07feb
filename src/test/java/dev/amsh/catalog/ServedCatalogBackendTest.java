package dev.amsh.catalog;

import dev.amsh.support.CatalogBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests run on {@link CatalogBackend#SERVED_DERBY} really go through another process's service. */
class ServedCatalogBackendTest {

    @Test
    void sessionsAreAttachedToTheCatalogServedByAnotherProcess() {
        SharedCatalog shared = CatalogBackend.SERVED_DERBY.bean(SharedCatalog.class);
        CatalogLocation location = CatalogBackend.SERVED_DERBY.bean(CatalogLocation.class);
        long self = ProcessHandle.current().pid();

        SharedCatalog.CatalogStatus status = SharedCatalog.status(location.directory().orElseThrow());

        assertThat(shared.owns()).as("this JVM owns the catalog").isFalse();
        assertThat(status.server()).hasValueSatisfying(server -> {
            assertThat(server.purpose()).isEqualTo("serve");
            assertThat(server.pid()).isNotEqualTo(self);
        });
        assertThat(status.attached()).anySatisfy(session -> {
            assertThat(session.pid()).isEqualTo(self);
            assertThat(session.purpose()).isEqualTo("test session");
        });
    }
}
