package dev.amsh.image;

import dev.amsh.application.ApplicationService;
import dev.amsh.image.ImageService.ImageDetails;
import dev.amsh.image.ImageService.ImageOverview;
import dev.amsh.image.listing.ListedImage;
import dev.amsh.image.listing.ListingKey;
import dev.amsh.image.listing.ListingOrder;
import dev.amsh.image.listing.ListingSort;
import dev.amsh.image.model.Architecture;
import dev.amsh.image.model.ImageType;
import dev.amsh.support.CatalogBackend;
import dev.amsh.support.CatalogFixture;
import dev.amsh.support.CatalogRows;
import dev.amsh.support.CatalogSteps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listing read model on each database a catalog can live in: every order, both ways, paged
 * after the last row of the page before, gives every image once in the order its values say; and a
 * page's rows carry what the one-image path ({@code image show}) says of each image.
 */
@ParameterizedClass
@EnumSource(value = CatalogBackend.class, names = {"EMBEDDED_DERBY", "DERBY_NETWORK", "POSTGRESQL"})
class ImageListingTest {

    @Parameter
    CatalogBackend backend;

    ImageService images;
    CatalogFixture catalog;
    CatalogSteps given;

    @BeforeEach
    void catalogOfVariedImages() {
        images = backend.bean(ImageService.class);
        catalog = backend.bean(CatalogFixture.class);
        catalog.reset();
        given = new CatalogSteps(images, backend.bean(ApplicationService.class));
        given.container("delta");
        given.update("delta");
        given.vm("delta");
        given.container("alpha");
        images.add("bravo", ImageType.CONTAINER, Architecture.AARCH64, false, CatalogSteps.content(10),
                CatalogSteps.actor("image add bravo"));
        given.update("bravo");
        given.update("bravo");
        new CatalogRows(catalog).insertImmutable("charlie", ImageType.VM, false, 0, 1);
        given.container("echo");
        given.vm("foxtrot");
        given.container("golf");
        given.application("app1", "alpha");
        given.application("app2", "alpha");
        given.application("app3", "echo");
        given.updateApplication("app3");
        catalog.jdbc().update("UPDATE IMAGE SET STATUS = 'error' WHERE NAME = 'golf'");
    }

    @Test
    void everyOrderBothWaysPagesThroughEveryImageOnceInItsOrder() {
        List<ListedImage> all = images.list("", ListingOrder.BY_NAME, Optional.empty(), 100);
        assertThat(all).hasSize(8);
        for (ListingSort sort : ListingSort.values()) {
            for (boolean descending : List.of(false, true)) {
                ListingOrder order = new ListingOrder(sort, descending);
                Comparator<ListedImage> ascending = sort == ListingSort.ID ? Comparator.comparing(ListedImage::id)
                        : Comparator.comparing((ListedImage row) -> sort.numeric()
                                ? String.format("%010d", Integer.parseInt(sort.valueOf(row))) : sort.valueOf(row))
                                .thenComparing(ListedImage::name).thenComparing(row -> row.type().wireName());
                List<ListedImage> expected = new ArrayList<>(all);
                expected.sort(descending ? ascending.reversed() : ascending);

                assertThat(pagedThrough(order, 2)).as("%s", order).isEqualTo(expected);
            }
        }
    }

    @Test
    void rowsCarryTheStoredCountsOfVersionsAndUsers() {
        List<ListedImage> rows = images.list("a", new ListingOrder(ListingSort.USED_BY, true), Optional.empty(), 100);

        // Ties go by name in the order's direction.
        assertThat(rows).extracting(ListedImage::name).containsExactly("alpha", "delta", "delta", "charlie", "bravo");
        ListedImage alpha = rows.get(0);
        assertThat(alpha.usedByCount()).isEqualTo(2);
        assertThat(alpha.versionCount()).isEqualTo(1);
        ListedImage bravo = rows.get(4);
        assertThat(bravo.versionCount()).isEqualTo(3);
        assertThat(bravo.architecture()).isEqualTo(Architecture.AARCH64);
        assertThat(images.list("echo", ListingOrder.BY_NAME, Optional.empty(), 1).get(0).usedByCount()).isEqualTo(1);
    }

    @Test
    void aKeyTheOrderCannotCompareStartsAtTheFirstPage() {
        ListingOrder byVersions = new ListingOrder(ListingSort.VERSIONS, false);
        List<ListedImage> first = images.list("", byVersions, Optional.empty(), 3);

        assertThat(images.list("", byVersions, Optional.of(new ListingKey("many", "alpha", ImageType.CONTAINER)), 3))
                .isEqualTo(first);
    }

    @Test
    void aPageOfTheOverviewSaysOfEachImageWhatImageShowSays() {
        List<ImageOverview> overview = images.overview("", new ListingOrder(ListingSort.DEFAULT, true), Optional.empty(), 100);

        assertThat(overview).hasSize(8);
        for (ImageOverview row : overview) {
            ImageDetails details = images.details(row.image().id(), false).orElseThrow();
            assertThat(row.facts()).as(row.image().name()).isEqualTo(details.facts());
            assertThat(row.deleteMarks()).as(row.image().name()).isEqualTo(details.deleteMarks());
            assertThat(row.usedBy()).as(row.image().name())
                    .isEqualTo(details.usedBy().stream().map(ImageQueries.ImageUser::name).toList());
        }
        assertThat(overview.get(0).deleteMarks()).as("the first default").isNotEmpty();
    }

    private List<ListedImage> pagedThrough(ListingOrder order, int pageSize) {
        List<ListedImage> shown = new ArrayList<>();
        Optional<ListingKey> after = Optional.empty();
        while (true) {
            List<ListedImage> page = images.list("", order, after, pageSize);
            if (page.isEmpty()) {
                return shown;
            }
            shown.addAll(page);
            after = Optional.of(order.keyOf(page.get(page.size() - 1)));
        }
    }
}
