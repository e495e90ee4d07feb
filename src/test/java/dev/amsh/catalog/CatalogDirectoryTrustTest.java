package dev.amsh.catalog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.io.UncheckedIOException;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A catalog directory that someone else owns or can write to is refused, as ssh refuses a key
 * file with loose permissions. The tests run as root, who can hand a directory to another uid.
 */
class CatalogDirectoryTrustTest {

    private static final int ANOTHER_USER = 12345;

    @TempDir
    Path home;

    Path catalog;

    @BeforeEach
    void ownCatalog() throws IOException {
        catalog = home.resolve("catalog");
        CatalogDirectory.prepare(catalog, false);
    }

    @Test
    void aNewCatalogIsCreatedOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(catalog))).isEqualTo("rwx------");
        assertThat(Files.getAttribute(catalog, "unix:uid")).isEqualTo(CatalogDirectory.currentUid());
    }

    @Test
    void anOwnCatalogOthersCanOnlyReadIsOpened() throws IOException {
        Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatCode(() -> CatalogDirectory.prepare(catalog, false)).doesNotThrowAnyException();
    }

    @Test
    void aCatalogOthersCanWriteToIsRefusedWithTheFix() throws IOException {
        for (String mode : new String[] {"rwxrwxrwx", "rwxrwx---", "rwx----w-"}) {
            Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString(mode));

            assertThatThrownBy(() -> CatalogDirectory.prepare(catalog, false))
                    .as(mode)
                    .isInstanceOf(CatalogUnavailableException.class)
                    .hasMessage("catalog " + catalog + " is writable by other users; fix it with: chmod 700 " + catalog);
        }
    }

    @Test
    void aCatalogOfAnotherUserIsRefusedUnlessTheOperatorAllowsIt() throws IOException {
        Files.setAttribute(catalog, "unix:uid", ANOTHER_USER);

        assertThatThrownBy(() -> CatalogDirectory.prepare(catalog, false))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageStartingWith("catalog " + catalog + " belongs to user " + ANOTHER_USER + ", not to you")
                .hasMessageContaining("--allow-foreign-catalog");
        assertThatCode(() -> CatalogDirectory.prepare(catalog, true)).doesNotThrowAnyException();
    }

    @Test
    void allowingAForeignCatalogDoesNotAllowOneOthersCanWriteTo() throws IOException {
        Files.setAttribute(catalog, "unix:uid", ANOTHER_USER);
        Files.setPosixFilePermissions(catalog, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> CatalogDirectory.prepare(catalog, true))
                .hasMessageContaining("is writable by other users; fix it with: chmod 700 " + catalog);
    }

    @Test
    void aCatalogInADirectoryOthersCanWriteToIsRefused() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> CatalogDirectory.prepare(catalog, false))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessage("catalog " + catalog + " lies in " + home
                        + ", which other users can write to; fix it with: chmod go-w " + home);
    }

    @Test
    void aStickyParentAsTmpIsFine() throws Exception {
        chmod("1777", home);

        assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatCode(() -> CatalogDirectory.prepare(catalog, false)).doesNotThrowAnyException();
    }

    @Test
    void aCatalogInADirectoryOfAnotherUserIsRefused() throws IOException {
        Files.setAttribute(home, "unix:uid", ANOTHER_USER);

        assertThatThrownBy(() -> CatalogDirectory.prepare(catalog, false))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("lies in " + home + ", which belongs to user " + ANOTHER_USER);
    }

    @Test
    void aNewCatalogIsCreatedInsideMissingParents() throws IOException {
        Path nested = home.resolve("a/b/catalog");

        CatalogDirectory.prepare(nested, false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    }

    @Test
    void aFileWhereTheCatalogShouldBeIsRefused() throws IOException {
        Path file = Files.writeString(home.resolve("file"), "x");

        assertThatThrownBy(() -> CatalogDirectory.prepare(file, false))
                .hasMessage("catalog " + file + " is not a directory");
    }

    @Test
    void aLinkInThePlaceOfAFileAmshWritesIsRefusedWithItsPath() throws IOException {
        Path victim = Files.writeString(home.resolve("victim"), "precious");
        for (String name : new String[] {"derby.log", "amsh.lock", "history", "db"}) {
            Path link = Files.createSymbolicLink(catalog.resolve(name), victim);

            assertThatThrownBy(() -> CatalogDirectory.prepare(catalog, false))
                    .as(name)
                    .isInstanceOf(CatalogUnavailableException.class)
                    .hasMessageStartingWith(link + " is a symbolic link; amsh does not follow links");
            Files.delete(link);
        }
        assertThat(victim).hasContent("precious");
    }

    private static void chmod(String mode, Path path) throws Exception {
        Process chmod = new ProcessBuilder("chmod", mode, path.toString()).inheritIO().start();
        assertThat(chmod.waitFor()).isZero();
    }
    @Test
    void aPathThroughALinkOfAnotherUserIsRefusedEvenWhereItPointsAtOwnCatalog() throws IOException {
        Path link = Files.createSymbolicLink(home.resolve("link"), catalog);
        Files.setAttribute(link, "unix:uid", ANOTHER_USER, LinkOption.NOFOLLOW_LINKS);

        for (Path given : new Path[] {link, link.resolve("..").resolve("link"), home.resolve("via").resolve("..")}) {
            if (given.startsWith(home.resolve("via"))) {
                Files.createSymbolicLink(home.resolve("via"), link);
            }
            assertThatThrownBy(() -> CatalogDirectory.prepare(given, true))
                    .isInstanceOf(CatalogUnavailableException.class)
                    .hasMessageContaining("goes through " + link + ", a link that belongs to user " + ANOTHER_USER);
        }
    }

    @Test
    void anOwnLinkIsFollowedOnceAndTheRealPathIsWhatIsUsed() throws IOException {
        Path link = Files.createSymbolicLink(home.resolve("mine"), home.relativize(catalog));

        assertThat(CatalogDirectory.prepare(link, false)).isEqualTo(catalog.toRealPath());
        assertThat(CatalogDirectory.prepare(home.resolve("new-catalog"), false))
                .isEqualTo(home.toRealPath().resolve("new-catalog"));
    }

    @Test
    void aLinkOfAnotherUserSwappedWhileAmshChecksItIsRefusedEveryTime() throws Exception {
        Path elsewhere = home.resolve("elsewhere");
        CatalogDirectory.prepare(elsewhere, false);
        Path link = home.resolve("swapped");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread swapper = new Thread(() -> {
            // Another user repointing their link between two catalogs, as fast as they can.
            for (int i = 0; running.get(); i++) {
                try {
                    Path next = home.resolve("next");
                    Files.deleteIfExists(next);
                    Files.createSymbolicLink(next, i % 2 == 0 ? catalog : elsewhere);
                    Files.setAttribute(next, "unix:uid", ANOTHER_USER, LinkOption.NOFOLLOW_LINKS);
                    Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        Files.createSymbolicLink(link, catalog);
        Files.setAttribute(link, "unix:uid", ANOTHER_USER, LinkOption.NOFOLLOW_LINKS);
        swapper.start();
        try {
            for (int attempt = 0; attempt < 500; attempt++) {
                assertThatThrownBy(() -> CatalogDirectory.prepare(link, false))
                        .isInstanceOf(CatalogUnavailableException.class)
                        .hasMessageContaining("a link that belongs to user " + ANOTHER_USER);
            }
        }
        finally {
            running.set(false);
            swapper.join();
        }
    }
}
