package dev.amsh.bench;

import java.nio.file.Path;

/** What every benchmark works with: the processes it starts, the catalogs, the report, a scratch folder. */
record Bench(Tools tools, Catalogs catalogs, Report report, Path work) {

    /** Issue 5's "existing catalog of 1,000 images" for one-shot runs and start-up. */
    static final CatalogShape THOUSAND = new CatalogShape(1_000, 5);
    /** Issue 4's replay catalog: 10,000 deletable images x 5 versions. */
    static final CatalogShape TEN_THOUSAND = new CatalogShape(10_000, 5);
    /** Issue 5's completion, replay and memory catalog: 100,000 images x 5 versions. */
    static final CatalogShape HUNDRED_THOUSAND = new CatalogShape(100_000, 5);
    /**
     * A million images, one version each: the image table and its listing indexes grow a
     * hundredfold over {@link #GROWTH_SMALL}, the versions no more than the images.
     */
    static final CatalogShape MILLION = new CatalogShape(1_000_000, 1);
    /** The small end of the growth to {@link #MILLION}: 10,000 images of one version each. */
    static final CatalogShape GROWTH_SMALL = new CatalogShape(10_000, 1);
}
