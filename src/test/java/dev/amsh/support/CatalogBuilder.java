package dev.amsh.support;

import dev.amsh.vocabulary.Xid;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Puts images and applications into the test catalog: through the shell where a command exists,
 * through SQL for immutable images (only the image server, not yet a command, makes them).
 */
public class CatalogBuilder {

    private final ShellHarness shell;
    private final CatalogFixture catalog;

    public CatalogBuilder(ShellHarness shell, CatalogFixture catalog) {
        this.shell = shell;
        this.catalog = catalog;
    }

    /** A local container image with one version per size (versions 0, 1, ...), added and updated by commands. */
    public void image(String name, int... versionSizes) {
        imageOfType(name, "container", versionSizes);
    }

    public void vmImage(String name, int... versionSizes) {
        imageOfType(name, "vm", versionSizes);
    }

    private void imageOfType(String name, String type, int... versionSizes) {
        ok("image add " + name + " " + CatalogFixture.imageFile(versionSizes[0]) + " --type " + type);
        for (int i = 1; i < versionSizes.length; i++) {
            ok("image update " + name + " " + CatalogFixture.imageFile(versionSizes[i])
                    + (type.equals("vm") ? " --vm" : ""));
        }
    }

    /**
     * An immutable container image, as the image server sync would make it, with one version per size.
     *
     * @param makeDefault whether it is the default container image (the caller makes sure no other one is)
     * @return its id
     */
    public String immutableImage(String name, boolean makeDefault, int... versionSizes) {
        String id = Xid.next();
        Timestamp now = Timestamp.from(Instant.now());
        // One transaction: a PostgreSQL catalog refuses, at commit, an image without a version.
        new TransactionTemplate(new DataSourceTransactionManager(catalog.jdbc().getDataSource()))
                .executeWithoutResult(status -> {
            catalog.jdbc().update("""
                    INSERT INTO IMAGE (ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT, NEXT_VERSION,
                        VERSION_COUNT)
                    VALUES (?, ?, 'container', 'x86_64', 'available', ?, TRUE, ?, ?, ?)""",
                    id, name, makeDefault ? "container" : null, now, versionSizes.length, versionSizes.length);
            for (int version = 0; version < versionSizes.length; version++) {
                catalog.jdbc().update("""
                        INSERT INTO IMAGE_VERSION (IMAGE_ID, VERSION, SIZE, SHA256, STATUS, RELEASE_NAME, CREATED_AT)
                        VALUES (?, ?, ?, ?, 'available', ?, ?)""",
                        id, version, versionSizes[version], "ab".repeat(32), "1.24." + version, now);
            }
        });
        return id;
    }

    /** An application whose version 0 pins the newest version the image has now. */
    public void application(String name, String image) {
        ok("application create " + name + " --image " + image);
    }

    private void ok(String line) {
        ShellHarness.Result result = shell.run(line);
        assertThat(result.exitCode()).as("%s: %s", line, result.err()).isZero();
    }
}
