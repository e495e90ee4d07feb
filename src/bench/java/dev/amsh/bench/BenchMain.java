package dev.amsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmark suite, or the parts named on the command line ({@code all}, or a comma- or
 * space-separated list of {@code startup}, {@code completion}, {@code replay}, {@code postgres},
 * {@code memory}, {@code growth}, {@code service}, {@code dashboard}, {@code transfer}), and prints every
 * figure with its target and baseline.
 * Started by {@code mvn -Pbench verify}, which passes where the jar and launcher are.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** A part of the suite. */
    @FunctionalInterface
    private interface Part {
        void run() throws Exception;
    }

    public static void main(String[] args) throws IOException {
        Path buildDir = Path.of(System.getProperty("amsh.bench.dir", "target")).toAbsolutePath();
        Path work = Files.createDirectories(buildDir.resolve("bench-work"));
        // Derby reads this when it boots, before any catalog is opened: its log stays out of the working directory.
        System.setProperty("derby.stream.error.file", work.resolve("derby.log").toString());

        String machine = machine();
        Report report = new Report(machine);
        Tools tools = new Tools(Path.of(System.getProperty("amsh.bench.jar", buildDir.resolve("amsh.jar").toString())),
                Path.of(System.getProperty("amsh.bench.launcher", "amsh")).toAbsolutePath(), work);
        Catalogs catalogs = new Catalogs(Files.createDirectories(buildDir.resolve("bench-catalogs")), work, tools, report);
        Bench bench = new Bench(tools, catalogs, report, work);

        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("startup", () -> new StartupBench(bench).run());
        parts.put("completion", () -> new CompletionBench(bench).run());
        parts.put("replay", () -> new ReplayBench(bench).run());
        parts.put("postgres", () -> new PostgresBench(bench).run());
        parts.put("memory", () -> new MemoryBench(bench).run());
        parts.put("growth", () -> new GrowthBench(bench).run());
        parts.put("service", () -> new ServiceBench(bench).run());
        parts.put("dashboard", () -> new DashboardBench(bench).run());
        parts.put("transfer", () -> new TransferBench(bench).run());
        Set<String> chosen = chosen(args, parts.keySet());

        System.out.println(machine);
        System.out.println("amsh under test: " + tools.amshName() + "; parts: " + String.join(", ", chosen));
        long started = System.nanoTime();
        boolean failed = false;
        for (String name : chosen) {
            try {
                parts.get(name).run();
            }
            catch (Exception | Error e) {
                failed = true;
                e.printStackTrace(System.out);
                report.note(name + " could not be measured: " + e);
            }
        }
        report.note(String.format("suite run time %.1f min; load average at the end: %s",
                (System.nanoTime() - started) / 60e9, loadAverage()));
        report.finish(buildDir.resolve("bench-report.md"));
        System.exit(failed ? 1 : 0);
    }

    private static Set<String> chosen(String[] args, Set<String> known) {
        List<String> words = Arrays.stream(args).flatMap(a -> Arrays.stream(a.split("[,\\s]+")))
                .filter(w -> !w.isBlank()).toList();
        if (words.isEmpty() || words.contains("all")) {
            return known;
        }
        for (String word : words) {
            if (!known.contains(word)) {
                throw new IllegalArgumentException("unknown part " + word + "; choose from all, " + known);
            }
        }
        return known.stream().filter(words::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Other work on the machine skews every figure: the 1, 5 and 15 minute load averages say how much there was. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** The facts a figure needs beside it to mean anything. */
    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> String.format("%.1f GiB RAM",
                        Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024)).orElse("unknown RAM");
        return String.format("%s; %d cores (nproc), %s, %s; Java %s (%s); %s %s; load average at the start: %s",
                DateTimeFormatter.ISO_LOCAL_DATE.format(ZonedDateTime.now()), Runtime.getRuntime().availableProcessors(),
                cpu, memory, System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("os.name"), System.getProperty("os.version"), loadAverage());
    }
}
