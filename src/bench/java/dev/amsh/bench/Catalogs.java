package dev.amsh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Generated catalogs, cached by shape under {@code bench-catalogs/} (a catalog is only reused once
 * its generation finished, and at the schema of the jar under test), and fresh copies of them for
 * runs that change them.
 */
final class Catalogs {

    private static final String COMPLETE_MARKER = "generated.txt";

    private final Path cache;
    private final Path work;
    private final Tools tools;
    private final Report report;
    /** The shapes whose cached catalog this run has opened with the jar under test. */
    private final Set<CatalogShape> atCurrentSchema = new HashSet<>();

    Catalogs(Path cache, Path work, Tools tools, Report report) {
        this.cache = cache;
        this.work = work;
        this.tools = tools;
        this.report = report;
    }

    /** The cached catalog of this shape, generated first if needed. Benchmarks that change it use {@link #freshCopy}. */
    Path pristine(CatalogShape shape) {
        Path directory = cache.resolve(shape.key());
        Path marker = directory.resolve(COMPLETE_MARKER);
        if (Files.exists(marker)) {
            if (atCurrentSchema.add(shape)) {
                long started = System.nanoTime();
                applyChangelog(directory);
                report.info("open cached " + shape.describe() + " with this jar (newer changesets applied)",
                        Report.seconds((System.nanoTime() - started) / 1e9));
            }
            return directory;
        }
        try {
            deleteTree(directory);
            long started = System.nanoTime();
            // amsh creates the catalog and applies its own changelog; the generator only adds rows.
            applyChangelog(directory);
            atCurrentSchema.add(shape);
            long schemaDone = System.nanoTime();
            CatalogGenerator.fill(directory, shape);
            double seconds = (System.nanoTime() - started) / 1e9;
            double insertSeconds = (System.nanoTime() - schemaDone) / 1e9;
            String took = Report.seconds(seconds) + " (" + Report.seconds(insertSeconds) + " inserting, "
                    + Report.count(shape.totalVersions() / insertSeconds) + " versions/s)";
            Files.writeString(marker, took + "\n");
            report.info("generate " + shape.describe(), took);
            return directory;
        }
        catch (Exception e) {
            throw new IllegalStateException("generating " + shape.key() + " failed", e);
        }
    }

    /**
     * Opens the catalog with the jar under test, which creates it or applies the changesets added since an
     * older build cached it. Otherwise the first benchmark to open a cached catalog would time that upgrade,
     * and a checksum read before it would miss the columns it adds. In a process of its own, so that no
     * service keeps the database open for the generator.
     */
    private void applyChangelog(Path directory) {
        Tools.Run opened = tools.run(List.of("java", "-jar", tools.jar().toString(), "--catalog",
                directory.toString(), "--no-service", "image", "server", "show"), null);
        if (opened.exitCode() != 0) {
            throw new IllegalStateException("amsh could not open catalog " + directory + ": " + opened.errTail());
        }
    }

    /** A copy of the cached catalog that a destructive run may change; replaces an older copy of the same name. */
    Path freshCopy(CatalogShape shape, String purpose) {
        Path source = pristine(shape);
        Path target = work.resolve(shape.key() + "-" + purpose);
        try {
            deleteTree(target);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    }
                    else {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return target;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
