package dev.amsh.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * How the cost of one operation grows with the catalog: one delete, one completion (the name
 * query, and the whole --version completion) and one {@code image show}, timed in this JVM
 * (median of many) on catalogs of 10,000, 100,000 and 1,000,000 versions.
 */
final class GrowthBench {

    static final List<CatalogShape> SHAPES = List.of(new CatalogShape(2_000, 5), new CatalogShape(20_000, 5),
            new CatalogShape(200_000, 5));
    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;

    private final Bench bench;

    GrowthBench(Bench bench) {
        this.bench = bench;
    }

    void run() {
        Report report = bench.report();
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (int s = 0; s < SHAPES.size(); s++) {
            CatalogShape shape = SHAPES.get(s);
            Report.section("growth: " + shape.describe() + " (in-JVM, median of " + MEASURED + " after " + WARM_UP
                    + " warm-up)");
            List<String> names = CompletionBench.randomNames(shape, WARM_UP + MEASURED, 21);
            List<String> prefixes = CompletionBench.randomPrefixes(shape, WARM_UP + MEASURED, 22);
            List<Integer> deleted = shape.samplePlainIndexes(WARM_UP + MEASURED, 23);
            Path copy = bench.catalogs().freshCopy(shape, "growth");
            try (InJvmCatalog catalog = new InJvmCatalog(copy)) {
                record("image show", s, medians, shape, i -> requireDone(catalog.execute("image show " + names.get(i))));
                record("completion query (namesStartingWith)", s, medians, shape,
                        i -> catalog.queries.namesStartingWith(prefixes.get(i), 50));
                record("completion Tab --version", s, medians, shape,
                        i -> catalog.complete("image delete " + names.get(i) + " --version "));
                record("image delete", s, medians, shape, i -> requireDone(
                        catalog.execute("image delete " + CatalogShape.plainName(deleted.get(i)) + " --yes")));
            }
            finally {
                Catalogs.deleteTree(copy);
            }
        }
        Report.section("growth from " + Report.count(SHAPES.get(0).totalVersions()) + " to "
                + Report.count(SHAPES.get(SHAPES.size() - 1).totalVersions()) + " versions");
        medians.forEach((operation, values) -> {
            double ratio = values[values.length - 1] / values[0];
            report.figure(operation + ": 1M / 10k versions", Report.ratio(ratio), "<= 2x",
                    "", ratio <= 2);
        });
    }

    private void record(String operation, int shapeIndex, Map<String, double[]> medians, CatalogShape shape,
            IntConsumer call) {
        Samples samples = Latency.measure(WARM_UP, MEASURED, call);
        medians.computeIfAbsent(operation, o -> new double[SHAPES.size()])[shapeIndex] = samples.medianMillis();
        bench.report().info(operation + ", " + Report.count(shape.totalVersions()) + " versions",
                "median " + Report.millis(samples.medianMillis()) + " ms (" + samples.describePercentiles() + ")");
    }

    private static void requireDone(int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("the command exited with " + exitCode);
        }
    }
}
