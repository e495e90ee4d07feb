package dev.amsh.application;

import dev.amsh.image.Image;
import dev.amsh.image.ImageService;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.CatalogRows.AuditRow;
import dev.amsh.support.CatalogSteps;
import dev.amsh.support.TestCatalog;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.InvalidValueException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Optional;
import java.util.OptionalInt;

import static dev.amsh.support.CatalogSteps.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code application create}, {@code update} and {@code delete} through {@link ApplicationService} on the real catalog. */
@TestCatalog
class ApplicationServiceTest {

    @Autowired
    ApplicationService applications;

    @Autowired
    ImageService images;

    @Autowired
    CatalogFixture catalog;

    CatalogSteps given;
    CatalogRows rows;

    @BeforeEach
    void emptyCatalog() {
        catalog.reset();
        given = new CatalogSteps(images, applications);
        rows = new CatalogRows(catalog);
    }

    @Test
    void createPinsTheNewestVersionOfTheNamedImage() {
        given.container("base");
        Image img = given.containerWithVersions("img", 2);

        Application app = given.application("app", "img");

        assertThat(app.sortedVersions()).singleElement().satisfies(version -> {
            assertThat(version.version()).isZero();
            assertThat(version.imageId()).isEqualTo(img.id());
            assertThat(version.imageVersion()).isEqualTo(2);
        });
        assertThat(rows.lastAuditEvent().detail()).isEqualTo("created application app: version 0 pins img version 2");
    }

    @Test
    void createWithoutAnImagePinsTheNewestVersionOfTheDefault() {
        Image base = given.containerWithVersions("base", 1);
        given.container("other");

        Application app = applications.create("app", Optional.empty(), false, actor("application create app"));

        ApplicationVersion pinned = app.newestVersion();
        assertThat(pinned.imageId()).isEqualTo(base.id());
        assertThat(pinned.imageVersion()).isEqualTo(1);
    }

    @Test
    void createWithVmPinsTheVmDefault() {
        given.container("foo");
        Image vm = given.vm("bar");

        Application app = applications.create("app", Optional.empty(), true, actor("application create app --vm"));

        assertThat(app.newestVersion().imageId()).isEqualTo(vm.id());
    }

    @Test
    void createWithVmPinsTheVmVariantOfTheNamedImage() {
        given.container("foo");
        Image vm = given.vm("foo");

        Application app = applications.create("app", Optional.of("foo"), true, actor("application create app"));

        assertThat(app.newestVersion().imageId()).isEqualTo(vm.id());
    }

    @Test
    void createWithoutADefaultOfTheTypeFailsClearly() {
        given.vm("only-vm");
        String before = catalog.snapshot();

        assertThatThrownBy(() -> applications.create("app", Optional.empty(), false, actor("application create app")))
                .isExactlyInstanceOf(CatalogException.class)
                .hasMessage("there is no default container image; give one with --image or make one the default "
                        + "with 'image switch'");

        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void createWithAnUnknownImageCreatesNothing() {
        given.container("jammy");

        assertThatThrownBy(() -> given.application("app", "jamy"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("not found");

        assertThat(catalog.count("APPLICATION")).isZero();
    }

    @Test
    void anApplicationReadWithoutItsVersionsIsGone() {
        // What a read without a lock sees when a delete commits between the application's row and its
        // versions: the row, then no versions.
        given.container("img");
        Application app = given.application("app", "img");
        given.application("other", "img");
        catalog.jdbc().update("DELETE FROM APPLICATION_VERSION WHERE APPLICATION_ID = ?", app.id());

        assertThat(applications.find("app")).isEmpty();
        assertThat(applications.find(app.id())).isEmpty();
        assertThat(applications.page("", 10)).extracting(Application::name).containsExactly("other");
        assertThat(applications.pageFrom("a", 10)).extracting(Application::name).containsExactly("other");
        assertThatThrownBy(() -> applications.update("app", Optional.empty(), actor("application update app")))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void createRefusesADuplicateOrInvalidName() {
        given.container("img");
        given.application("app", "img");
        String before = catalog.snapshot();

        assertThatThrownBy(() -> given.application("app", "img"))
                .isExactlyInstanceOf(CatalogException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> given.application("'; DROP TABLE APPLICATION; --", "img"))
                .isInstanceOf(InvalidValueException.class);

        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void updatePinsTheNewestVersionOfTheImageInUse() {
        given.container("img");
        given.application("app", "img");
        given.update("img");
        given.update("img");

        ApplicationVersion version = given.updateApplication("app");

        assertThat(version.version()).isEqualTo(1);
        assertThat(version.imageVersion()).isEqualTo(2);
        assertThat(applications.require("app").newestVersion()).isEqualTo(version);
    }

    @Test
    void updateWithAnImageMovesTheApplicationToIt() {
        given.container("old");
        Image replacement = given.containerWithVersions("new", 1);
        given.application("app", "old");

        ApplicationVersion version = applications.update("app", Optional.of("new"),
                actor("application update app --image new"));

        assertThat(version.imageId()).isEqualTo(replacement.id());
        assertThat(version.imageVersion()).isEqualTo(1);
    }

    @Test
    void deletingTheOnlyVersionIsRefusedAndAudited() {
        given.container("img");
        given.application("app", "img");
        String before = catalog.snapshot();

        assertThat(applications.delete("app", OptionalInt.of(0), actor("application delete app -v 0")).refusals())
                .singleElement().asString().contains("only version");

        assertThat(catalog.snapshot()).isEqualTo(before);
        AuditRow event = rows.lastAuditEvent();
        assertThat(event.outcome()).isEqualTo("refused");
        assertThat(event.commandText()).isEqualTo("application delete app -v 0");
    }

    @Test
    void deletingAnUnknownVersionIsRefused() {
        given.container("img");
        given.application("app", "img");

        assertThat(applications.delete("app", OptionalInt.of(7), actor("application delete app -v 7")).refusals())
                .singleElement().asString().contains("has no version 7");

        assertThat(rows.applicationVersionsOf("app")).containsExactly(0);
    }

    @Test
    void deletesOneVersionOfSeveral() {
        given.container("img");
        given.application("app", "img");
        given.updateApplication("app");

        ApplicationRemoval removal = applications.delete("app", OptionalInt.of(0), actor("application delete app -v 0"))
                .appliedChange().orElseThrow();

        assertThat(ApplicationTexts.removed(removal)).isEqualTo("removed application app: version 0");
        assertThat(removal.wholeApplication()).isFalse();
        assertThat(rows.applicationVersionsOf("app")).containsExactly(1);
        assertThat(rows.lastAuditEvent().outcome()).isEqualTo("done");
    }

    @Test
    void deletingTheWholeApplicationLeavesImagesUntouched() {
        given.containerWithVersions("img", 1);
        given.application("app", "img");
        given.updateApplication("app");
        String imagesBefore = imageRows();

        ApplicationRemoval removal = applications.delete("app", OptionalInt.empty(), actor("application delete app"))
                .appliedChange().orElseThrow();

        assertThat(ApplicationTexts.removed(removal)).isEqualTo("removed application app: versions 0, 1");
        assertThat(removal.versions()).containsExactly(0, 1);
        assertThat(removal.wholeApplication()).isTrue();
        assertThat(catalog.count("APPLICATION")).isZero();
        assertThat(catalog.count("APPLICATION_VERSION")).isZero();
        assertThat(imageRows()).isEqualTo(imagesBefore);
        assertThat(catalog.jdbc().queryForObject("SELECT USED_BY_COUNT FROM IMAGE", Integer.class)).isZero();
    }

    @Test
    void applicationVersionNumbersAreNeverReused() {
        given.container("img");
        given.application("app", "img");
        given.updateApplication("app");
        given.updateApplication("app");
        applications.delete("app", OptionalInt.of(2), actor("application delete app -v 2"));

        ApplicationVersion next = given.updateApplication("app");

        assertThat(next.version()).isEqualTo(3);
        assertThat(rows.applicationVersionsOf("app")).containsExactly(0, 1, 3);
    }

    /** The images and their versions as written, without the count of their users, which follows the pins. */
    private String imageRows() {
        return catalog.jdbc().queryForList("SELECT ID, NAME, TYPE, ARCHITECTURE, STATUS, DEFAULT_OF, IMMUTABLE, CREATED_AT,"
                + " NEXT_VERSION, VERSION_COUNT FROM IMAGE ORDER BY ID").toString()
                + catalog.jdbc().queryForList("SELECT * FROM IMAGE_VERSION ORDER BY IMAGE_ID, VERSION");
    }
}
