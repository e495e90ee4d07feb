package dev.amsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak resident memory, by GNU time: an interactive session on the 100,000-image catalog, and a
 * one-shot JSON listing of 10,000 against 100,000 images (streamed, so it should not grow).
 */
final class MemoryBench {

    private static final String PROMPT = "amsh> ";
    private static final Pattern MAX_RSS = Pattern.compile("max-rss-kb=(\\d+)");

    private final Bench bench;

    MemoryBench(Bench bench) {
        this.bench = bench;
    }

    void run() {
        Report report = bench.report();
        Tools tools = bench.tools();
        Path large = bench.catalogs().pristine(Bench.HUNDRED_THOUSAND);
        Path small = bench.catalogs().pristine(Bench.TEN_THOUSAND);

        Report.section("memory of an interactive session on " + Bench.HUNDRED_THOUSAND.describe());
        if (interruptIgnored()) {
            // An ignored SIGINT is inherited by amsh, whose JVM then cannot take Ctrl-C: the session would hang.
            throw new IllegalStateException("SIGINT is ignored in this process (a background job of a shell without"
                    + " job control?); run the suite in the foreground");
        }
        double session = interactiveSession(tools.amsh("--catalog", large.toString()));
        double plainSession = interactiveSession(tools.plainJar("--catalog", large.toString()));
        report.figure("interactive session max RSS (" + tools.amshName() + ")", Report.count(session) + " MiB",
                "<= 200 MiB", "plain jar " + Report.count(plainSession) + " MiB", session <= 200);

        Report.section("memory of one-shot 'image list --format json > /dev/null'");
        Tools.Run smallList = tools.runOk(Tools.measuringMaxRss(
                tools.amsh("--catalog", small.toString(), "image", "list", "--format", "json")), null);
        Tools.Run largeList = tools.runOk(Tools.measuringMaxRss(
                tools.amsh("--catalog", large.toString(), "image", "list", "--format", "json")), null);
        double growth = largeList.maxRssMiB() / smallList.maxRssMiB();
        report.info("image list --format json, 10,000 images", Report.count(smallList.maxRssMiB()) + " MiB max RSS, "
                + Report.seconds(smallList.seconds()));
        report.info("image list --format json, 100,000 images", Report.count(largeList.maxRssMiB()) + " MiB max RSS, "
                + Report.seconds(largeList.seconds()));
        // Streaming means no growth; 10% is left for the noise of a garbage-collected heap.
        report.figure("image list peak RSS 100,000 / 10,000 images", Report.ratio(growth), "no growth (<= 1.10x)", "",
                growth <= 1.10);
        Tools.Run plainLarge = tools.runOk(Tools.measuringMaxRss(
                tools.plainJar("--catalog", large.toString(), "image", "list", "--format", "json")), null);
        report.info("image list --format json, 100,000 images, plain jar",
                Report.count(plainLarge.maxRssMiB()) + " MiB max RSS, " + Report.seconds(plainLarge.seconds()));
    }

    /**
     * A session as an operator has it: a filtered listing, a show, Tab completion of a name (twice:
     * the list, then the first candidate), Ctrl-C, exit. Returns the peak RSS in MiB.
     */
    private static double interactiveSession(List<String> amsh) {
        try (PtySession session = PtySession.start(Tools.measuringMaxRss(amsh))) {
            Duration wait = Duration.ofSeconds(120);
            int at = session.await(PROMPT, 0, wait).end();
            for (String command : List.of("image list --name 'jammy:android12*'",
                    "image show " + CatalogShape.plainName(12345))) {
                session.type(command + "\r");
                at = session.await(PROMPT, at + command.length(), wait).end();
            }
            String typed = "image delete jammy:android1";
            session.type(typed + "\t");
            // The second Tab only once the first one's list is on the screen, as an operator sees it first.
            at = session.await("type more letters", at, wait).end();
            session.type("\t");
            sleep(Duration.ofSeconds(1));
            session.type("\u0003");
            at = session.await(PROMPT, at, wait).end();
            session.type("exit\r");
            int code = session.awaitExit(wait);
            if (code != 0) {
                throw new IllegalStateException("the session exited with " + code + ": " + session.output());
            }
            Matcher m = MAX_RSS.matcher(session.output());
            if (!m.find()) {
                throw new IllegalStateException("no max RSS on the terminal: " + session.output());
            }
            return Long.parseLong(m.group(1)) / 1024.0;
        }
    }

    /** Whether this process ignores SIGINT (signal 2), by the mask Linux shows in /proc/self/status. */
    private static boolean interruptIgnored() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("SigIgn:"))
                    .anyMatch(line -> (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0);
        }
        catch (IOException noProcfs) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
