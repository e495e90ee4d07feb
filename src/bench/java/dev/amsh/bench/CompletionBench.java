package dev.amsh.bench;

import dev.amsh.image.model.ImageType;
import dev.amsh.shell.completion.ShellCompleter;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tab completion on the 100,000-image catalog, in this JVM: the catalog queries behind it, and
 * the whole completer from the typed line to JLine's candidates.
 */
final class CompletionBench {

    private static final int WARM_UP = 500;
    private static final int MEASURED = 3000;
    /** The --version path costs tens of milliseconds on this catalog today; fewer calls keep the suite short. */
    private static final int SLOW_WARM_UP = 100;
    private static final int SLOW_MEASURED = 1000;

    private final Bench bench;

    CompletionBench(Bench bench) {
        this.bench = bench;
    }

    void run() {
        CatalogShape shape = Bench.HUNDRED_THOUSAND;
        try (InJvmCatalog catalog = new InJvmCatalog(bench.catalogs().pristine(shape))) {
            measure(catalog, shape, "");
        }
    }

    /** The figures on {@code catalog}, which holds {@code shape}; {@code where} names its database (empty for embedded Derby). */
    void measure(InJvmCatalog catalog, CatalogShape shape, String where) {
        Report report = bench.report();
        Report.section("completion on " + shape.describe() + where + " (in-JVM, " + WARM_UP + " warm-up calls, "
                + MEASURED + " timed)");
        List<String> prefixes = randomPrefixes(shape, WARM_UP + MEASURED, 11);
        List<String> names = randomNames(shape, WARM_UP + MEASURED, 12);
        // Hint lines (a sole version's mark) are not candidates.
        requireCandidates(catalog.complete("image delete " + names.get(0) + " --version ").stream()
                .filter(candidate -> !ShellCompleter.isHint(candidate)).toList(), shape.versionsPerImage());

        Samples nameQuery = Latency.measure(WARM_UP, MEASURED,
                i -> catalog.queries.namesStartingWith(prefixes.get(i), 50));
        report.figure("query namesStartingWith(prefix, 50)" + where, nameQuery.describePercentiles(), "p99 <= 5 ms",
                "", nameQuery.percentileMillis(99) <= 5);
        Samples inspect = Latency.measure(SLOW_WARM_UP, SLOW_MEASURED,
                i -> catalog.images.inspect(names.get(i), false));
        report.figure("query ImageService.inspect(name) for --version" + where, inspect.describePercentiles(),
                "p99 <= 5 ms", "", inspect.percentileMillis(99) <= 5);
        // inspect gathers the deletion facts; this one of its queries counts the other images of the type (up to 1,001).
        Samples countOthers = Latency.measure(SLOW_WARM_UP, SLOW_MEASURED,
                i -> catalog.queries.countOtherImagesOfType(ImageType.CONTAINER));
        report.info("of which query countOtherImagesOfType" + where, countOthers.describePercentiles());
        Samples otherNames = Latency.measure(SLOW_WARM_UP, SLOW_MEASURED,
                i -> catalog.queries.otherImageNamesOfType(ImageType.CONTAINER, "00000000000000000000", 5));
        report.info("of which query otherImageNamesOfType" + where, otherNames.describePercentiles());

        AtomicInteger failedTabs = new AtomicInteger();
        Samples tabName = Latency.measure(WARM_UP, MEASURED, i -> {
            try {
                catalog.complete("image delete " + prefixes.get(i));
            }
            catch (RuntimeException e) {
                // Timed all the same: the operator waited for it. The failures are reported below.
                if (failedTabs.getAndIncrement() == 0) {
                    report.note("Tab on 'image delete " + prefixes.get(i) + "'" + where + " failed: " + rootMessage(e));
                }
            }
        });
        report.figure("Tab to candidates: image delete <prefix>" + where, tabName.describePercentiles(), "p99 <= 50 ms",
                "", tabName.percentileMillis(99) <= 50);
        report.figure("Tab presses on image delete <prefix> that failed" + where, failedTabs.get() + " of "
                + (WARM_UP + MEASURED), "0", "", failedTabs.get() == 0);
        Samples tabVersion = Latency.measure(SLOW_WARM_UP, SLOW_MEASURED,
                i -> catalog.complete("image delete " + names.get(i) + " --version "));
        report.figure("Tab to candidates: image delete <name> --version" + where, tabVersion.describePercentiles(),
                "p99 <= 50 ms", "", tabVersion.percentileMillis(99) <= 50);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Prefixes of existing names, of every length from one character to the whole name. */
    static List<String> randomPrefixes(CatalogShape shape, int count, long seed) {
        Random random = new Random(seed);
        return randomNames(shape, count, seed).stream()
                .map(name -> name.substring(0, 1 + random.nextInt(name.length())))
                .toList();
    }

    static List<String> randomNames(CatalogShape shape, int count, long seed) {
        Random random = new Random(seed);
        return random.ints(count, 0, shape.plainImages()).mapToObj(CatalogShape::plainName).toList();
    }

    private static void requireCandidates(List<?> candidates, int expected) {
        if (candidates.size() != expected) {
            throw new IllegalStateException("expected " + expected + " candidates, got " + candidates);
        }
    }
}
