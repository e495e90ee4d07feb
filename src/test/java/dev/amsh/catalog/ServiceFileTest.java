package dev.amsh.catalog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The service file holds the catalog's password: written owner-only whatever the umask, read
 * back only when it is the operator's own 0600 file and not a link.
 */
class ServiceFileTest {

    @TempDir
    Path home;

    Path catalog;
    Path file;
    ServiceFile service;

    @BeforeEach
    void aCatalog() {
        catalog = home.resolve("catalog");
        CatalogDirectory.prepare(catalog, false);
        file = catalog.resolve(ServiceFile.FILE_NAME);
        service = new ServiceFile(40123, new DerbyLogin("APP", "s3cret"),
                new ServiceFile.Session(4242, "ops", Instant.parse("2026-01-02T03:04:05Z"), "serve"));
    }

    @Test
    void writtenOwnerOnlyAndReadBack() throws IOException {
        service.write(catalog);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ServiceFile.read(catalog)).contains(service);
        try (var names = Files.list(catalog)) {
            assertThat(names.map(path -> path.getFileName().toString())).as("no temporary file left")
                    .doesNotContain(ServiceFile.FILE_NAME + "." + ProcessHandle.current().pid());
        }
    }

    @Test
    void aReadableByOthersFileIsRefused() throws IOException {
        service.write(catalog);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ServiceFile.read(catalog)).isInstanceOf(CatalogUnavailableException.class)
                .hasMessage(file + " is not a 0600 file of yours; amsh does not trust it: remove it (rm " + file + ")");
    }

    @Test
    void aLinkIsRefusedAndNotFollowed() throws IOException {
        Path planted = home.resolve("planted");
        service.write(home);
        Files.move(home.resolve(ServiceFile.FILE_NAME), planted);
        Files.createSymbolicLink(file, planted);

        assertThatThrownBy(() -> ServiceFile.read(catalog)).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageStartingWith(file + " is a symbolic link");
    }

    @Test
    void writingReplacesALinkInsteadOfWritingWhereItPoints() throws IOException {
        Path victim = Files.writeString(home.resolve("victim"), "precious");
        Files.createSymbolicLink(file, victim);

        service.write(catalog);

        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(file)).isFalse();
        assertThat(ServiceFile.read(catalog)).contains(service);
    }

    @Test
    void anotherUsersFileIsRefused() throws IOException {
        assumeThat(CatalogDirectory.currentUid()).as("only root can give a file away").isZero();
        service.write(catalog);
        Files.setAttribute(file, "unix:uid", 4321, LinkOption.NOFOLLOW_LINKS);

        assertThatThrownBy(() -> ServiceFile.read(catalog)).isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("is not a 0600 file of yours");
    }

    @Test
    void noFileIsNoService() {
        assertThat(ServiceFile.read(catalog)).isEmpty();
    }

    @Test
    void thePasswordIsNotInTheLoginsText() {
        assertThat(service.login().toString()).doesNotContain("s3cret");
        assertThat(service.toString()).doesNotContain("s3cret");
    }
}
