package dev.amsh.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalog shared through a running service ({@code amsh serve}) against the same catalog
 * opened embedded: a one-shot {@code image list} on 1,000 images, and a 1,000-line delete
 * script on 10,000 images, per line and atomic, each replay on a fresh copy.
 */
final class SharingBench {

    private static final int LIST_RUNS = 10;
    private static final int REPLAY_LINES = 1_000;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) done.*; ([\\d.]+) s, (\\d+) lines/s");

    private final Bench bench;

    SharingBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException, InterruptedException {
        oneShots();
        replays();
    }

    private void oneShots() throws IOException, InterruptedException {
        Tools tools = bench.tools();
        Path catalog = bench.catalogs().freshCopy(Bench.THOUSAND, "sharing");
        try {
            String dir = catalog.toString();
            Report.section("one-shot image list on " + Bench.THOUSAND.describe() + " through a running service"
                    + " and embedded, median of " + LIST_RUNS);
            tools.runOk(tools.amsh("--catalog", dir, "image", "list"), null);
            Samples embedded = new Samples();
            for (int i = 0; i < LIST_RUNS; i++) {
                embedded.add(tools.runOk(tools.amsh("--catalog", dir, "image", "list"), null).wallNanos());
            }
            Samples served = new Samples();
            Process server = serve(catalog);
            try {
                tools.runOk(tools.amsh("--catalog", dir, "image", "list"), null);
                for (int i = 0; i < LIST_RUNS; i++) {
                    served.add(tools.runOk(tools.amsh("--catalog", dir, "image", "list"), null).wallNanos());
                }
            }
            finally {
                stop(server);
            }
            double ratio = served.medianMillis() / embedded.medianMillis();
            bench.report().figure("image list through the service (" + tools.amshName() + ")",
                    Report.seconds(served.medianMillis() / 1e3), "<= 1.0 s",
                    "embedded " + Report.seconds(embedded.medianMillis() / 1e3), served.medianMillis() <= 1000);
            bench.report().figure("image list: through the service / embedded", Report.ratio(ratio), "<= 1.2x", "",
                    ratio <= 1.2);
        }
        finally {
            Catalogs.deleteTree(catalog);
        }
    }

    private void replays() throws IOException, InterruptedException {
        Report.section("replay of " + Report.count(REPLAY_LINES) + " delete lines on "
                + Bench.TEN_THOUSAND.describe() + " through a running service and embedded");
        List<String> lines = new ArrayList<>();
        Bench.TEN_THOUSAND.samplePlainIndexes(REPLAY_LINES, 11)
                .forEach(i -> lines.add("image delete " + CatalogShape.plainName(i) + " --yes"));
        Path script = Files.write(bench.work().resolve("sharing-delete-" + REPLAY_LINES + ".amsh"), lines);
        for (boolean atomic : new boolean[] {false, true}) {
            double embedded = replay(script, atomic, false);
            double served = replay(script, atomic, true);
            String mode = atomic ? "--atomic" : "per line";
            bench.report().figure("replay " + mode + " through the service", Report.count(served) + " lines/s",
                    ">= 0.5x embedded", "embedded " + Report.count(embedded) + " lines/s", served >= embedded / 2);
        }
    }

    /** Lines per second as the script's own summary gives them. */
    private double replay(Path script, boolean atomic, boolean throughService) throws IOException, InterruptedException {
        Path catalog = bench.catalogs().freshCopy(Bench.TEN_THOUSAND, "sharing-replay");
        Path out = bench.work().resolve("sharing-replay-output.txt");
        Process server = throughService ? serve(catalog) : null;
        try {
            List<String> args = new ArrayList<>(List.of("--catalog", catalog.toString(), "script", script.toString(),
                    "--yes"));
            if (atomic) {
                args.add("--atomic");
            }
            bench.tools().runOk(bench.tools().amsh(args.toArray(String[]::new)), out);
            List<String> printed = Files.readAllLines(out);
            String summary = printed.isEmpty() ? "" : printed.get(printed.size() - 1);
            Matcher m = SUMMARY.matcher(summary);
            if (!m.find() || Integer.parseInt(m.group(1)) != REPLAY_LINES) {
                throw new IllegalStateException("the replay did not delete " + REPLAY_LINES + " images: " + summary);
            }
            return Double.parseDouble(m.group(3));
        }
        finally {
            if (server != null) {
                stop(server);
            }
            Catalogs.deleteTree(catalog);
        }
    }

    /** {@code amsh serve} on the catalog, returned once it says it serves. */
    private Process serve(Path catalog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(bench.tools().amsh("--catalog", catalog.toString(), "serve"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Tools.withoutCatalogEnvironment(builder);
        Process server = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith("serving catalog ")) {
            server.destroyForcibly();
            throw new IllegalStateException("amsh serve did not start: " + first);
        }
        return server;
    }

    /** SIGTERM, as systemd stops it; the catalog is handed back before the copy is deleted. */
    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
