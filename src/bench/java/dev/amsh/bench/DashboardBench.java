package dev.amsh.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's Images page on the 100,000-image catalog (and on others, and PostgreSQL's):
 * {@code amsh dashboard} as a process, its page fetched over HTTP with the session cookie as a
 * browser would, for the first page, a name-prefix filter, a deep page and the first page of every
 * sort column both ways.
 */
final class DashboardBench {

    private static final int WARM_UP = 5;
    private static final int RUNS = 25;
    private static final double TARGET_P99_MILLIS = 200;
    private static final Pattern ANNOUNCED = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+)(/\\?token=\\S+)");
    private static final List<String> SORT_COLUMNS = List.of("name", "id", "type", "architecture", "status", "versions",
            "default", "immutable", "used-by");

    private final Bench bench;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(30)).build();

    DashboardBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException, InterruptedException {
        CatalogShape shape = Bench.HUNDRED_THOUSAND;
        try (CatalogCopy copy = CatalogCopy.embedded(bench.catalogs().freshCopy(shape, "dashboard"))) {
            measure(copy, shape, "");
        }
    }

    /**
     * Every page on {@code copy}, which holds {@code shape}, each reported with its target and
     * returned by what the report calls it; {@code where} names the database (empty for embedded Derby).
     */
    Map<String, Samples> measure(CatalogCopy copy, CatalogShape shape, String where)
            throws IOException, InterruptedException {
        Report.section("dashboard Images page on " + shape.describe() + where + " over HTTP, " + RUNS
                + " GETs each after " + WARM_UP + " to warm up");
        List<String> command = new ArrayList<>(copy.amshOptions());
        command.add("dashboard");
        ProcessBuilder builder = new ProcessBuilder(bench.tools().amsh(command.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Tools.withoutCatalogEnvironment(builder);
        builder.environment().putAll(copy.environment());
        Process dashboard = builder.start();
        Map<String, Samples> measured = new LinkedHashMap<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(dashboard.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher announced = line == null ? null : ANNOUNCED.matcher(line);
            if (announced == null || !announced.find()) {
                throw new IllegalStateException("amsh dashboard did not start: " + line);
            }
            String base = announced.group(1);
            String cookie = signIn(base + announced.group(2));
            for (Map.Entry<String, String> page : pages(shape).entrySet()) {
                measured.put(page.getKey(), measure(page.getKey() + where, base + page.getValue(), cookie));
            }
            return measured;
        }
        finally {
            dashboard.destroy();
            if (!dashboard.waitFor(60, TimeUnit.SECONDS)) {
                dashboard.destroyForcibly();
            }
        }
    }

    /** What is fetched, by what the report calls it. */
    private static Map<String, String> pages(CatalogShape shape) {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("first page", "/images");
        pages.put("name prefix jammy:android12*", "/images?name=" + encoded("jammy:android12*"));
        String deep = CatalogShape.plainName(shape.plainImages() * 9 / 10);
        // Named by where it is, not by its key, so that catalogs of other sizes report the same page.
        pages.put("deep page (90% down the name order)", "/images?sort=name&dir=asc&after=" + encoded(deep) + "&afterName="
                + encoded(deep) + "&afterType=container");
        for (String column : SORT_COLUMNS) {
            for (String direction : List.of("asc", "desc")) {
                pages.put("sorted by " + column + " " + direction, "/images?sort=" + column + "&dir=" + direction);
            }
        }
        return pages;
    }

    private String signIn(String tokenUrl) throws IOException, InterruptedException {
        HttpResponse<Void> exchanged = http.send(HttpRequest.newBuilder(URI.create(tokenUrl)).build(),
                HttpResponse.BodyHandlers.discarding());
        return exchanged.headers().firstValue("Set-Cookie").map(cookie -> cookie.split(";")[0])
                .orElseThrow(() -> new IllegalStateException("no session cookie: HTTP " + exchanged.statusCode()));
    }

    private Samples measure(String what, String url, String cookie) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .timeout(Duration.ofMinutes(2)).build();
        Samples samples = new Samples();
        for (int i = 0; i < WARM_UP + RUNS; i++) {
            long started = System.nanoTime();
            HttpResponse<String> page = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = System.nanoTime() - started;
            if (page.statusCode() != 200 || !page.body().contains("<tr data-image=")) {
                throw new IllegalStateException(what + ": HTTP " + page.statusCode() + " without image rows");
            }
            if (i >= WARM_UP) {
                samples.add(took);
            }
        }
        bench.report().figure("dashboard images, " + what, samples.describePercentiles(),
                "p99 <= " + Report.millis(TARGET_P99_MILLIS) + " ms", "",
                samples.percentileMillis(99) <= TARGET_P99_MILLIS);
        return samples;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
