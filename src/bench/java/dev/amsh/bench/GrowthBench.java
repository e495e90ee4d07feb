package dev.amsh.bench;

import dev.amsh.image.listing.ListedImage;
import dev.amsh.image.listing.ListingOrder;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * How the cost of each operation grows with the number of images, from 10,000 to 1,000,000 (one
 * version each, so that only the images grow): in this JVM the first page of {@code image list},
 * {@code image show}, Tab on a name prefix, Tab after {@code --version} (inspect) and one delete
 * (median of many); then as processes the dashboard's Images page in every sort both ways (p99),
 * an {@code --atomic} replay (lines/s) and {@code catalog import} (rows/s). Each figure's growth is
 * its cost on the largest catalog over its cost on the smallest.
 */
final class GrowthBench {

    static final List<CatalogShape> SHAPES = List.of(Bench.GROWTH_SMALL, new CatalogShape(100_000, 1), Bench.MILLION);
    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;
    /** What {@code image list} reads for its first page, as its page method reads it. */
    private static final int LIST_PAGE = 500;
    private static final double TARGET_GROWTH = 2;

    private final Bench bench;
    /** Per operation, its cost (larger is slower) on each shape, in the order of {@link #SHAPES}. */
    private final Map<String, double[]> costs = new LinkedHashMap<>();

    GrowthBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        try {
            measure();
        }
        finally {
            table();
        }
    }

    private void measure() throws Exception {
        for (int s = 0; s < SHAPES.size(); s++) {
            inJvm(s, SHAPES.get(s));
        }
        for (int s = 0; s < SHAPES.size(); s++) {
            CatalogShape shape = SHAPES.get(s);
            DashboardBench dashboard = new DashboardBench(bench);
            try (CatalogCopy copy = CatalogCopy.embedded(bench.catalogs().freshCopy(shape, "growth-dashboard"))) {
                Map<String, Samples> pages = dashboard.measure(copy, shape, "");
                for (Map.Entry<String, Samples> page : pages.entrySet()) {
                    cost("dashboard images, " + page.getKey() + " (p99 ms)", s, page.getValue().percentileMillis(99));
                }
            }
        }
        CatalogCopy.Source copies = (shape, purpose) -> CatalogCopy.embedded(bench.catalogs().freshCopy(shape, purpose));
        for (int s = 0; s < SHAPES.size(); s++) {
            CatalogShape shape = SHAPES.get(s);
            double seconds = new ReplayBench(bench).atomicRunSeconds(copies, shape, ReplayBench.LARGE_REPLAY_LINES);
            bench.report().info("growth: replay --atomic, " + Report.count(ReplayBench.LARGE_REPLAY_LINES) + " lines, "
                    + Report.count(shape.totalImages()) + " images", Report.count(ReplayBench.LARGE_REPLAY_LINES / seconds)
                    + " lines/s (" + Report.seconds(seconds) + " in-run)");
            cost("replay --atomic, " + Report.count(ReplayBench.LARGE_REPLAY_LINES) + " lines (ms per line)", s,
                    seconds * 1000 / ReplayBench.LARGE_REPLAY_LINES);
        }
        for (int s = 0; s < SHAPES.size(); s++) {
            CatalogShape shape = SHAPES.get(s);
            TransferBench.Moved moved = new TransferBench(bench).exportAndImport(shape);
            cost("catalog import (ms per 1,000 rows, JVM start included)", s, moved.importSeconds() * 1e6 / moved.rows());
        }
    }

    private void inJvm(int s, CatalogShape shape) {
        Report.section("growth: " + shape.describe() + " (in-JVM, median of " + MEASURED + " after " + WARM_UP
                + " warm-up)");
        List<String> names = CompletionBench.randomNames(shape, WARM_UP + MEASURED, 21);
        List<String> prefixes = CompletionBench.randomPrefixes(shape, WARM_UP + MEASURED, 22);
        List<Integer> deleted = shape.samplePlainIndexes(WARM_UP + MEASURED, 23);
        Path copy = bench.catalogs().freshCopy(shape, "growth");
        try (InJvmCatalog catalog = new InJvmCatalog(copy)) {
            record("image list, first page", s, shape, i -> {
                List<ListedImage> rows = catalog.images.list("", ListingOrder.BY_NAME, Optional.empty(), LIST_PAGE);
                catalog.queries.versionNumbers(rows.stream().map(ListedImage::id).toList());
                catalog.queries.usedBy(rows.stream().filter(row -> row.usedByCount() > 0).map(ListedImage::id).toList());
            });
            record("image show", s, shape, i -> requireDone(catalog.execute("image show " + names.get(i))));
            record("Tab: image delete <prefix>", s, shape, i -> catalog.complete("image delete " + prefixes.get(i)));
            record("Tab: image delete <name> --version (inspect)", s, shape,
                    i -> catalog.complete("image delete " + names.get(i) + " --version "));
            record("image delete", s, shape, i -> requireDone(
                    catalog.execute("image delete " + CatalogShape.plainName(deleted.get(i)) + " --yes")));
        }
        finally {
            Catalogs.deleteTree(copy);
        }
    }

    private void record(String operation, int shapeIndex, CatalogShape shape, IntConsumer call) {
        Samples samples = Latency.measure(WARM_UP, MEASURED, call);
        cost(operation + " (median ms)", shapeIndex, samples.medianMillis());
        bench.report().info(operation + ", " + Report.count(shape.totalImages()) + " images",
                "median " + Report.millis(samples.medianMillis()) + " ms (" + samples.describePercentiles() + ")");
    }

    private void cost(String operation, int shapeIndex, double value) {
        costs.computeIfAbsent(operation, o -> {
            double[] unmeasured = new double[SHAPES.size()];
            Arrays.fill(unmeasured, Double.NaN);
            return unmeasured;
        })[shapeIndex] = value;
    }

    /** The growth table: each operation's cost on every shape measured, and the largest over the smallest. */
    private void table() {
        StringBuilder sizes = new StringBuilder();
        for (CatalogShape shape : SHAPES) {
            sizes.append(sizes.isEmpty() ? "" : " / ").append(Report.count(shape.totalImages()));
        }
        CatalogShape first = SHAPES.get(0);
        CatalogShape last = SHAPES.get(SHAPES.size() - 1);
        Report.section("growth from " + Report.count(first.totalImages()) + " to " + Report.count(last.totalImages())
                + " images (" + first.versionsPerImage() + " version each)");
        costs.forEach((operation, values) -> {
            StringBuilder each = new StringBuilder();
            for (int s = 0; s < values.length; s++) {
                each.append(s == 0 ? "" : " / ").append(Report.millis(values[s]));
            }
            double growth = values[values.length - 1] / values[0];
            String name = "growth of " + operation + ", " + sizes + " images: " + each;
            if (Double.isNaN(growth)) {
                bench.report().figure(name, "not measured on every size", "<= " + Report.ratio(TARGET_GROWTH), "",
                        null);
            }
            else {
                bench.report().figure(name, Report.ratio(growth), "<= " + Report.ratio(TARGET_GROWTH), "",
                        growth <= TARGET_GROWTH);
            }
        });
    }

    private static void requireDone(int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("the command exited with " + exitCode);
        }
    }
}
