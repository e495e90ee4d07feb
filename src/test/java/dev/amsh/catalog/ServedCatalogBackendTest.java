package dev.amsh.catalog;

import dev.amsh.client.ServiceLink;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.ShellHarness;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The tests run on {@link CatalogBackend#SERVED_DERBY} really go through the catalog's service. */
class ServedCatalogBackendTest {

    @Test
    void theShellsLinesAreRequestsToTheService() throws Exception {
        ShellHarness shell = CatalogBackend.SERVED_DERBY.bean(ShellHarness.class);
        CatalogFixture catalog = CatalogBackend.SERVED_DERBY.bean(CatalogFixture.class);
        CatalogLocation location = CatalogBackend.SERVED_DERBY.bean(CatalogLocation.class);
        catalog.reset();

        try (ServiceLink link = ServiceLink.connect(location.directory().orElseThrow()).orElseThrow()) {
            assertThat(link.servicePid()).isEqualTo(ProcessHandle.current().pid());
        }
        ShellHarness.Result added = shell.run("application create nothing-to-pin");
        assertThat(added.exitCode()).as(added.screen()).isEqualTo(1);
        assertThat(catalog.jdbc().queryForObject(
                "SELECT ORIGIN FROM AUDIT_EVENT ORDER BY ID DESC FETCH FIRST 1 ROWS ONLY", String.class))
                .isEqualTo("test");
    }
}
