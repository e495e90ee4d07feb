package dev.amsh.bench;

import dev.amsh.catalog.CatalogCredentials;
import dev.amsh.catalog.CatalogLocation;
import dev.amsh.support.CatalogChecksum;
import dev.amsh.support.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moving the 100,000-image catalog: {@code catalog export} of the cached catalog, {@code catalog import}
 * of its file into a new embedded catalog (and into a new PostgreSQL database), each one command as an
 * operator runs it, timed by the wall clock with its JVM start; then every table of each import checked
 * equal to the source's by {@link CatalogChecksum}.
 */
final class TransferBench {

    /** The import's target, JVM start and schema creation included. */
    private static final double IMPORT_TARGET_SECONDS = 60;

    private final Bench bench;

    TransferBench(Bench bench) {
        this.bench = bench;
    }

    /** What one export and import of a shape moved, how long the import took, and the source's checksums. */
    record Moved(long rows, double importSeconds, Map<String, String> sourceSums) {
    }

    void run() throws IOException, SQLException {
        CatalogShape shape = Bench.HUNDRED_THOUSAND;
        Path file = bench.work().resolve("transfer-" + shape.key() + ".jsonl");
        Moved moved = exportAndImport(shape, file);
        String size = Report.count(shape.totalImages()) + " images x " + shape.versionsPerImage();
        importIntoPostgresql(file, size, moved.rows(), moved.sourceSums());
        Files.delete(file);
    }

    /** Exports the cached catalog of {@code shape} and imports the file into a new embedded catalog, checked equal. */
    Moved exportAndImport(CatalogShape shape) throws IOException, SQLException {
        Path file = bench.work().resolve("transfer-" + shape.key() + ".jsonl");
        try {
            return exportAndImport(shape, file);
        }
        finally {
            Files.deleteIfExists(file);
        }
    }

    private Moved exportAndImport(CatalogShape shape, Path file) throws IOException, SQLException {
        Report.section("catalog export and import of " + shape.describe());
        Path source = bench.catalogs().pristine(shape);
        Map<String, String> sourceSums = embeddedChecksums(source);
        // Images, versions, an application and its pin per pinned image, the image server setting and both types.
        long rows = shape.totalImages() + shape.totalVersions() + 2L * shape.protectedPerKind() + 3;
        String size = Report.count(shape.totalImages()) + " images x " + shape.versionsPerImage();

        Files.deleteIfExists(file);
        Tools.Run export = bench.tools().runOk(bench.tools().amsh("--catalog", source.toString(), "catalog", "export",
                file.toString()), null);
        bench.report().info("catalog export, " + size, Report.seconds(export.seconds()) + " (" + Report.count(rows / export.seconds())
                + " rows/s; " + Report.count(Files.size(file) / 1e6) + " MB)");

        // What every import pays before its first row, on this machine's load: the JVM, Spring, a new catalog.
        Path empty = bench.work().resolve("transfer-empty");
        Catalogs.deleteTree(empty);
        Tools.Run created = bench.tools().runOk(bench.tools().amsh("--catalog", empty.toString(), "image", "list"), null);
        Catalogs.deleteTree(empty);

        Path target = bench.work().resolve("transfer-import-" + shape.key());
        Catalogs.deleteTree(target);
        Tools.Run imported = bench.tools().runOk(bench.tools().amsh("--catalog", target.toString(), "catalog", "import",
                file.toString()), null);
        String took = Report.seconds(imported.seconds()) + " (" + Report.count(rows / imported.seconds())
                + " rows/s, JVM start and new catalog included)";
        String beside = "`image list` on a new catalog " + Report.seconds(created.seconds());
        if (shape.equals(Bench.HUNDRED_THOUSAND)) {
            bench.report().figure("catalog import, " + size + ", embedded", took,
                    "<= " + Report.seconds(IMPORT_TARGET_SECONDS), beside + "; 12-06: 4 min 4 s for 20,000 images x 5",
                    imported.seconds() <= IMPORT_TARGET_SECONDS);
        }
        else {
            // The growth part's shapes: their target is the growth, not the 100k catalog's time.
            bench.report().info("catalog import, " + size + ", embedded", took + "; " + beside);
        }
        roundTrip("embedded", sourceSums, embeddedChecksums(target));
        Catalogs.deleteTree(target);
        return new Moved(rows, imported.seconds(), sourceSums);
    }

    /** The same file into a new database of a private PostgreSQL cluster, stated beside the embedded figure. */
    private void importIntoPostgresql(Path file, String size, long rows, Map<String, String> sourceSums)
            throws SQLException {
        PostgresServer server = PostgresServer.durable();
        String database = server.createDatabase();
        // amsh creates the schema first, as an operator's first command on a new server catalog does.
        new InJvmCatalog(CatalogLocation.server(server.url(database)), Optional.of(server.adminCredentials())).close();
        CatalogCredentials admin = server.adminCredentials();
        Tools.Run imported = bench.tools().runOk(bench.tools().amsh("--catalog-url", server.url(database), "catalog",
                "import", file.toString()), Map.of(CatalogCredentials.ENV_USER, admin.user(),
                CatalogCredentials.ENV_PASSWORD, admin.password()), null);
        bench.report().info("catalog import, " + size + ", PostgreSQL", Report.seconds(imported.seconds()) + " ("
                + Report.count(rows / imported.seconds()) + " rows/s, JVM start included)");
        try (Connection connection = DriverManager.getConnection(server.url(database), admin.user(), admin.password())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO amsh");
            }
            roundTrip("PostgreSQL", sourceSums, CatalogChecksum.of(connection));
        }
        server.execute("postgres", "DROP DATABASE " + database);
    }

    private void roundTrip(String where, Map<String, String> source, Map<String, String> imported) {
        List<String> differing = new ArrayList<>();
        source.forEach((table, sum) -> {
            if (!sum.equals(imported.get(table))) {
                differing.add(table);
            }
        });
        bench.report().figure("export -> import checksum-equal, " + where,
                differing.isEmpty() ? "every table equal" : "differs in " + differing, "every table equal", "",
                differing.isEmpty());
    }

    private static Map<String, String> embeddedChecksums(Path catalog) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:derby:" + catalog.resolve("db"))) {
            return CatalogChecksum.of(connection);
        }
        finally {
            CatalogGenerator.shutDown(catalog);
        }
    }
}
