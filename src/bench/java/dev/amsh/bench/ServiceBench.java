package dev.amsh.bench;

import dev.amsh.client.ServiceLink;
import dev.amsh.wire.Frame;
import dev.amsh.wire.FrameType;
import dev.amsh.wire.Payload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * amsh as a client of its catalog's service, against a bare JVM started with the client's flags
 * ({@code java -cp DIR Hello}) measured alternately in the same run: one-shots, {@code __complete}
 * as bash runs it on Tab, the REPL's first prompt and its Tab, a bash loop of deletes, the first
 * command when no service runs (against {@code --no-service}), and the memory of both processes.
 */
final class ServiceBench {

    private static final int RUNS = 20;
    private static final int TABS_WARM_UP = 300;
    private static final int TABS = 2000;
    private static final int LOOP_DELETES = 1_000;
    private static final int FIRST_RUNS = 5;
    /** The client's flags, as ./amsh starts it. */
    private static final List<String> CLIENT_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms8m",
            "-Xmx1g", "-XX:-UsePerfData", "-Xshare:auto");
    private static final Map<String, String> SERVICE = Tools.THROUGH_THE_SERVICE;
    private static final Pattern SERVED_BY = Pattern.compile("served by pid (\\d+) ");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final Bench bench;
    private final Tools tools;

    ServiceBench(Bench bench) {
        this.bench = bench;
        this.tools = bench.tools();
    }

    void run() throws Exception {
        oneShotsAndMemory();
        completion();
        loopOfDeletes();
        firstCommand();
    }

    private void oneShotsAndMemory() throws Exception {
        Report report = bench.report();
        Path catalog = bench.catalogs().freshCopy(Bench.THOUSAND, "service");
        String dir = catalog.toString();
        try {
            Report.section("one-shot image list on " + Bench.THOUSAND.describe() + ", service warm, alternating with a"
                    + " bare JVM, median of " + RUNS);
            tools.runOk(tools.amsh("--catalog", dir, "image", "list"), SERVICE, null);
            tools.runOk(bare(), null);
            Samples oneShot = new Samples();
            Samples bare = new Samples();
            for (int i = 0; i < RUNS; i++) {
                oneShot.add(tools.runOk(tools.amsh("--catalog", dir, "image", "list"), SERVICE, null)
                        .wallNanos());
                bare.add(tools.runOk(bare(), null).wallNanos());
            }
            double ratio = oneShot.medianMillis() / bare.medianMillis();
            report.figure("one-shot image list (" + tools.amshName() + ")", Report.seconds(oneShot.medianMillis() / 1e3),
                    "<= 3x bare JVM", "bare JVM " + Report.seconds(bare.medianMillis() / 1e3) + ", "
                            + Report.ratio(ratio), ratio <= 3);

            Report.section("REPL to its first prompt, service warm, median of 5");
            Samples prompt = new Samples();
            for (int i = 0; i < 5; i++) {
                prompt.add(StartupBench.timeToPrompt(tools.amsh("--catalog", dir)));
            }
            report.figure("REPL to the first prompt", Report.seconds(prompt.medianMillis() / 1e3), "<= 0.5 s", "",
                    prompt.medianMillis() <= 500);

            Report.section("memory");
            long service = servicePid(dir);
            Thread.sleep(2000);
            long serviceKb = rssKb(service);
            report.figure("idle service RSS", serviceKb / 1024 + " MiB", "<= 200 MiB", "", serviceKb <= 200 * 1024);
            Tools.Run measured = tools.runOk(Tools.measuringMaxRss(tools.amsh("--catalog", dir, "image", "list")),
                    SERVICE, null);
            long clientKb = Math.round(measured.maxRssMiB() * 1024);
            report.figure("client RSS (one-shot image list)", clientKb / 1024 + " MiB", "<= 64 MiB", "",
                    clientKb <= 64 * 1024);
        }
        finally {
            tools.run(tools.amsh("--catalog", dir, "serve", "--stop"), SERVICE, null);
            Catalogs.deleteTree(catalog);
        }
    }

    private void completion() throws Exception {
        Report report = bench.report();
        Path catalog = bench.catalogs().freshCopy(Bench.HUNDRED_THOUSAND, "service-tab");
        String dir = catalog.toString();
        try {
            Report.section("Tab on " + Bench.HUNDRED_THOUSAND.describe() + " through the service");
            tools.runOk(tools.amsh("--catalog", dir, "image", "list", "--name", "none"), SERVICE, null);
            Samples complete = new Samples();
            Samples bare = new Samples();
            Samples socketFloor = new Samples();
            try (SocketFloor floor = SocketFloor.start(bench.work())) {
                tools.runOk(floor.command(CLIENT_FLAGS), null);
                for (int i = 0; i < RUNS; i++) {
                    complete.add(tools.runOk(tools.amsh("--catalog", dir, "__complete", "amsh image delete j"), SERVICE,
                            null).wallNanos());
                    bare.add(tools.runOk(bare(), null).wallNanos());
                    socketFloor.add(tools.runOk(floor.command(CLIENT_FLAGS), null).wallNanos());
                }
            }
            double ratio = complete.medianMillis() / bare.medianMillis();
            double floorRatio = socketFloor.medianMillis() / bare.medianMillis();
            report.figure("amsh __complete 'amsh image delete j' (bash's Tab)",
                    Report.seconds(complete.medianMillis() / 1e3), "<= 2x bare JVM",
                    "bare JVM " + Report.seconds(bare.medianMillis() / 1e3) + ", " + Report.ratio(ratio), ratio <= 2);
            report.figure("a JVM that only connects to a Unix socket (SocketHello, its own archive)",
                    Report.seconds(socketFloor.medianMillis() / 1e3), "", "bare JVM "
                            + Report.seconds(bare.medianMillis() / 1e3) + ", " + Report.ratio(floorRatio)
                            + "; __complete " + Report.ratio(complete.medianMillis() / socketFloor.medianMillis())
                            + " of it", null);

            List<String> names = Bench.HUNDRED_THOUSAND.samplePlainIndexes(TABS_WARM_UP + TABS, 21).stream()
                    .map(CatalogShape::plainName).toList();
            try (ServiceLink link = ServiceLink.connect(catalog).orElseThrow()) {
                Samples tabs = Latency.measure(TABS_WARM_UP, TABS, i -> tab(link, "image delete "
                        + names.get(i).substring(0, Math.min(names.get(i).length(), 8))));
                report.figure("REPL Tab through the service (name prefix)", tabs.describePercentiles(),
                        "p99 <= 10 ms", "", tabs.percentileMillis(99) <= 10);
                Samples versions = Latency.measure(TABS_WARM_UP, TABS, i -> tab(link, "image delete " + names.get(i)
                        + " --version "));
                report.figure("REPL Tab through the service (--version marks)", versions.describePercentiles(),
                        "p99 <= 10 ms", "", versions.percentileMillis(99) <= 10);
            }
        }
        finally {
            tools.run(tools.amsh("--catalog", dir, "serve", "--stop"), SERVICE, null);
            Catalogs.deleteTree(catalog);
        }
    }

    private void loopOfDeletes() throws Exception {
        Report report = bench.report();
        Path catalog = bench.catalogs().freshCopy(Bench.TEN_THOUSAND, "service-loop");
        String dir = catalog.toString();
        try {
            Report.section(Report.count(LOOP_DELETES) + " one-shot deletes from a bash loop on "
                    + Bench.TEN_THOUSAND.describe());
            List<String> lines = new ArrayList<>(List.of("set -e"));
            String amsh = String.join(" ", tools.amsh("--catalog", dir).stream().map(ServiceBench::quoted).toList());
            Bench.TEN_THOUSAND.samplePlainIndexes(LOOP_DELETES, 31).forEach(i ->
                    lines.add(amsh + " image delete " + CatalogShape.plainName(i) + " --yes > /dev/null"));
            Path loop = Files.write(bench.work().resolve("delete-loop.sh"), lines);
            tools.runOk(tools.amsh("--catalog", dir, "image", "list", "--name", "none"), SERVICE, null);
            Tools.Run run = tools.runOk(List.of("bash", loop.toString()), SERVICE, null);
            double perSecond = LOOP_DELETES / (run.wallNanos() / 1e9);
            report.figure("one-shot deletes from a bash loop", Report.count(perSecond) + " deletes/s", ">= 8 deletes/s",
                    "", perSecond >= 8);
        }
        finally {
            tools.run(tools.amsh("--catalog", dir, "serve", "--stop"), SERVICE, null);
            Catalogs.deleteTree(catalog);
        }
    }

    private void firstCommand() {
        Report report = bench.report();
        Path catalog = bench.catalogs().freshCopy(Bench.THOUSAND, "service-first");
        String dir = catalog.toString();
        try {
            Report.section("the first command when no service runs, against --no-service, alternating, median of "
                    + FIRST_RUNS);
            Samples first = new Samples();
            Samples inProcess = new Samples();
            tools.runOk(tools.amsh("--catalog", dir, "--no-service", "image", "list"), SERVICE, null);
            for (int i = 0; i < FIRST_RUNS; i++) {
                first.add(tools.runOk(tools.amsh("--catalog", dir, "image", "list"), SERVICE, null)
                        .wallNanos());
                tools.runOk(tools.amsh("--catalog", dir, "serve", "--stop"), SERVICE, null);
                inProcess.add(tools.runOk(tools.amsh("--catalog", dir, "--no-service", "image", "list"), SERVICE, null)
                        .wallNanos());
            }
            double ratio = first.medianMillis() / inProcess.medianMillis();
            report.figure("first command, starting the service", Report.seconds(first.medianMillis() / 1e3),
                    "<= 1.2x --no-service", "--no-service " + Report.seconds(inProcess.medianMillis() / 1e3) + ", "
                            + Report.ratio(ratio), ratio <= 1.2);
        }
        finally {
            tools.run(tools.amsh("--catalog", dir, "serve", "--stop"), SERVICE, null);
            Catalogs.deleteTree(catalog);
        }
    }

    /** One Tab: the line to the service, its candidates back. */
    private static void tab(ServiceLink link, String line) {
        try {
            link.channel().write(Frame.of(FrameType.COMPLETE, new Payload().putString(line)));
            Frame answer = link.channel().read();
            if (answer.type() != FrameType.CANDIDATES || answer.read().getBoolean()) {
                throw new IllegalStateException("no candidates for " + line);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bare JVM: this suite's Hello with the client's flags. */
    private static List<String> bare() {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(CLIENT_FLAGS);
        command.addAll(List.of("-cp", Path.of(Hello.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString(), Hello.class.getName()));
        return command;
    }

    private long servicePid(String dir) throws IOException {
        Path out = Files.createTempFile(bench.work(), "status", ".txt");
        tools.runOk(tools.amsh("--catalog", dir, "serve", "--status"), SERVICE, out);
        Matcher served = SERVED_BY.matcher(Files.readString(out));
        if (!served.find()) {
            throw new IllegalStateException("no service runs for " + dir);
        }
        return Long.parseLong(served.group(1));
    }

    private static long rssKb(long pid) throws IOException {
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!rss.find()) {
            throw new IllegalStateException("no VmRSS for pid " + pid);
        }
        return Long.parseLong(rss.group(1));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
