package dev.amsh.image;

import dev.amsh.application.ApplicationService;
import dev.amsh.image.model.ImageType;
import dev.amsh.image.rules.DeletionRequest;
import dev.amsh.image.rules.ImageFacts;
import dev.amsh.image.rules.ImageFacts.VersionFacts;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.CatalogRows.AuditRow;
import dev.amsh.support.CatalogSteps;
import dev.amsh.support.TestCatalog;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.InvalidValueException;
import dev.amsh.vocabulary.RefusedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.amsh.support.CatalogSteps.actor;
import static dev.amsh.support.CatalogSteps.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code image add}, {@code update}, {@code switch} and the inspection completion uses, on the real catalog. */
@TestCatalog
class ImageServiceTest {

    @Autowired
    ImageService images;

    @Autowired
    ApplicationService applications;

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
    void anImageReadWithoutItsVersionsIsGone() {
        // What a read without a lock sees when a delete commits between the image's row and its
        // versions: the row, then no versions.
        given.container("base");
        Image going = given.containerWithVersions("going", 1);
        catalog.jdbc().update("DELETE FROM IMAGE_VERSION WHERE IMAGE_ID = ?", going.id());

        assertThatThrownBy(() -> images.require("going", false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("not found");
        assertThatThrownBy(() -> images.require(going.id(), false))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void anImageAddedToATypeWithoutADefaultBecomesItsDefault() {
        rows.insertImmutable("from-server", ImageType.CONTAINER, false, 0);

        Image added = given.container("local");

        assertThat(added.isDefault()).isTrue();
        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("local");
    }

    @Test
    void theFirstImageOfATypeBecomesItsDefaultAndTheSecondDoesNot() {
        Image first = given.container("first");
        Image second = given.container("second");

        assertThat(first.isDefault()).isTrue();
        assertThat(second.isDefault()).isFalse();
        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("first");
    }

    @Test
    void addingWithDefaultMovesTheDefault() {
        given.container("first");

        Image second = given.add("second", ImageType.CONTAINER, true);

        assertThat(second.isDefault()).isTrue();
        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("second");
        assertThat(rows.lastAuditEvent().detail()).contains("second is now the default container image");
    }

    @Test
    void eachTypeHasItsOwnDefault() {
        given.container("foo");
        given.vm("bar");

        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("foo");
        assertThat(rows.defaultsOf(ImageType.VM)).containsExactly("bar");
    }

    @Test
    void aNameMayExistOnceAsContainerAndOnceAsVm() {
        Image container = given.container("foo");
        Image vm = given.vm("foo");

        assertThat(container.id()).isNotEqualTo(vm.id());
        assertThat(images.require("foo", false).type()).isEqualTo(ImageType.CONTAINER);
        assertThat(images.require("foo", true).type()).isEqualTo(ImageType.VM);
    }

    @Test
    void aDuplicateNameOfTheSameTypeChangesNothing() {
        given.container("foo");
        String before = catalog.snapshot();
        int events = rows.auditTrail().size();

        assertThatThrownBy(() -> given.add("foo", ImageType.CONTAINER, true))
                .isExactlyInstanceOf(CatalogException.class)
                .hasMessageContaining("already exists");

        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(rows.auditTrail()).hasSize(events);
    }

    static Stream<String> invalidNames() {
        return Stream.of("", "a".repeat(101), "x".repeat(5_000), "'; DROP TABLE IMAGE; --", ".hidden", "two words",
                "jämmy", "emoji-\uD83D\uDE00");
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void anInvalidNameChangesNothing(String name) {
        given.container("existing");
        String before = catalog.snapshot();

        assertThatThrownBy(() -> given.container(name)).isInstanceOf(InvalidValueException.class);

        assertThat(catalog.snapshot()).isEqualTo(before);
        assertThat(catalog.count("IMAGE")).isEqualTo(1);
    }

    @Test
    void aHundredCharacterNameWithEveryAllowedCharacterIsValid() {
        String name = ("io.anbox-cloud:nougat_amd64" + "x".repeat(100)).substring(0, 100);

        given.container(name);

        assertThat(rows.imageExists(name, ImageType.CONTAINER)).isTrue();
    }

    @Test
    void versionNumbersAreNeverReused() {
        given.container("img");
        assertThat(given.update("img").version()).isEqualTo(1);
        assertThat(given.update("img").version()).isEqualTo(2);

        images.delete(DeletionRequest.version("img", 2, false), Optional.empty(), actor("image delete img -v 2"));
        ImageVersion next = given.update("img");

        assertThat(next.version()).isEqualTo(3);
        assertThat(rows.versionsOf("img", ImageType.CONTAINER)).containsExactly(0, 1, 3);
    }

    @Test
    void updateRecordsTheContentAndAuditsIt() {
        given.container("img");
        ImageContent content = content(4096);

        ImageVersion version = images.update("img", false, false, content, actor("image update img file"));

        assertThat(version.size()).isEqualTo(4096);
        assertThat(version.sha256()).isEqualTo(content.sha256());
        // What was stored, read back from the catalog, not the object built from the input.
        Map<String, Object> stored = catalog.jdbc().queryForMap("SELECT V.SIZE, V.SHA256 FROM IMAGE_VERSION V"
                + " JOIN IMAGE I ON I.ID = V.IMAGE_ID WHERE I.NAME = 'img' AND V.VERSION = 1");
        assertThat(stored).containsEntry("SIZE", 4096L).containsEntry("SHA256", content.sha256());
        AuditRow event = rows.lastAuditEvent();
        assertThat(event.outcome()).isEqualTo("done");
        assertThat(event.detail()).isEqualTo("added version 1 to img (4.0 KiB)");
    }

    @Test
    void updateWithDefaultMovesTheDefault() {
        given.container("first");
        given.container("second");

        images.update("second", false, true, content(10), actor("image update second file --default"));

        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("second");
    }

    @Test
    void updatingAnImmutableImageIsRefusedAndTheRefusalIsAudited() {
        rows.insertImmutable("server-image", ImageType.CONTAINER, true, 0, 1);
        String before = catalog.snapshot();

        assertThatThrownBy(() -> given.update("server-image"))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("synchronized from the image server");

        assertThat(catalog.snapshot()).isEqualTo(before);
        AuditRow event = rows.lastAuditEvent();
        assertThat(event.outcome()).isEqualTo("refused");
        assertThat(event.commandText()).isEqualTo("image update server-image");
        assertThat(event.detail()).contains("server-image is synchronized from the image server");
    }

    @Test
    void updatingAnUnknownImageSuggestsCloseNames() {
        given.container("jammy");

        assertThatThrownBy(() -> given.update("jamy"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("did you mean jammy?");
    }

    @Test
    void switchingTheDefaultLeavesExactlyOneDefault() {
        given.container("first");
        given.container("second");

        Image switched = given.switchDefault("second");

        assertThat(switched.isDefault()).isTrue();
        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("second");
        assertThat(rows.lastAuditEvent().detail())
                .isEqualTo("second is now the default container image (was first)");
    }

    @Test
    void switchingTheVmVariantLeavesTheContainerDefaultAlone() {
        given.container("foo");
        given.vm("base");
        given.vm("foo");

        images.switchDefault("foo", true, actor("image switch foo --vm"));

        assertThat(rows.defaultsOf(ImageType.VM)).containsExactly("foo");
        assertThat(rows.defaultsOf(ImageType.CONTAINER)).containsExactly("foo");
    }

    @Test
    void inspectSeesTheVariantTheVmFlagSelects() {
        given.container("foo");
        given.vm("foo");
        images.update("foo", true, false, content(10), actor("image update foo file --vm"));

        ImageFacts vm = images.inspect("foo", true).orElseThrow();
        ImageFacts container = images.inspect("foo", false).orElseThrow();

        assertThat(vm.type()).isEqualTo(ImageType.VM);
        assertThat(vm.versions()).extracting(VersionFacts::version).containsExactly(0, 1);
        assertThat(container.type()).isEqualTo(ImageType.CONTAINER);
        assertThat(container.versions()).extracting(VersionFacts::version).containsExactly(0);
    }
}
