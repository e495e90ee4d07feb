package dev.amsh.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replay of a 10,000-line delete script ({@code image delete NAME --yes}, distinct deletable
 * images in random order) with {@code --atomic} and with a commit per line, each on a fresh copy
 * of the catalog, against the JDBC floor on further fresh copies, run just before and just after it.
 */
final class ReplayBench {

    static final int LINES = 10_000;
    /**
     * Lines replayed on the 100,000-image catalog: the whole script, as on the smaller one, so that
     * both rates carry the same warm-up; {@code -Damsh.bench.large-replay-lines=1000} replays fewer.
     */
    static final int LARGE_REPLAY_LINES = Integer.getInteger("amsh.bench.large-replay-lines", LINES);
    /** The script's own summary: {@code 10000 of 10000 lines run: 10000 done, ...; 4.2 s, 2381 lines/s}. */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) of (\\d+) lines run: (\\d+) done.*; ([\\d.]+) s, (\\d+) lines/s");

    private final Bench bench;

    ReplayBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException, SQLException {
        CatalogCopy.Source derby = (shape, purpose) -> CatalogCopy.embedded(bench.catalogs().freshCopy(shape, purpose));
        Rates small = replay(derby, "", Bench.TEN_THOUSAND, LINES, "the whole script");
        Rates atScale = replay(derby, "", Bench.HUNDRED_THOUSAND, LARGE_REPLAY_LINES, "at scale");
        flatness("", LARGE_REPLAY_LINES == LINES ? small : firstLines(derby, LARGE_REPLAY_LINES), atScale);
    }

    /** The in-run rates of one replay, {@code --atomic} and per line, in lines a second. */
    record Rates(double atomic, double perLine) {
    }

    /**
     * The first {@code lineCount} lines of the 10,000-image script, {@code --atomic} and per line: what
     * a shorter run at scale compares with, since a process's first lines pay its warm-up.
     */
    private Rates firstLines(CatalogCopy.Source copies, int lineCount) throws IOException {
        Path script = bench.work().resolve("delete-" + lineCount + "-from-" + Bench.TEN_THOUSAND.key() + ".amsh");
        Files.write(script, Bench.TEN_THOUSAND.samplePlainIndexes(LINES, 5).subList(0, lineCount).stream()
                .map(i -> "image delete " + CatalogShape.plainName(i) + " --yes").toList());
        return new Rates(lineCount / replayRun(copies, Bench.TEN_THOUSAND, script, lineCount, true).runSeconds(),
                lineCount / replayRun(copies, Bench.TEN_THOUSAND, script, lineCount, false).runSeconds());
    }

    /** The rate at 100,000 images against 10,000, for the same number of lines. */
    private void flatness(String where, Rates small, Rates atScale) {
        Report report = bench.report();
        report.figure("replay --atomic" + where + ", rate at 100,000 images / at 10,000, "
                        + Report.count(LARGE_REPLAY_LINES) + " lines each", Report.ratio(atScale.atomic() / small.atomic()),
                ">= 0.8x", Report.count(atScale.atomic()) + " against " + Report.count(small.atomic()) + " lines/s",
                atScale.atomic() / small.atomic() >= 0.8);
        report.figure("replay per line" + where + ", rate at 100,000 images / at 10,000, "
                        + Report.count(LARGE_REPLAY_LINES) + " lines each", Report.ratio(atScale.perLine() / small.perLine()),
                ">= 0.8x", Report.count(atScale.perLine()) + " against " + Report.count(small.perLine()) + " lines/s",
                atScale.perLine() / small.perLine() >= 0.8);
    }

    /**
     * The first {@code lineCount} lines of the script on fresh copies of {@code shape} from {@code copies},
     * {@code --atomic} and per line, against the floor; {@code where} names the database in the figures
     * (empty for embedded Derby).
     */
    Rates replay(CatalogCopy.Source copies, String where, CatalogShape shape, int lineCount, String purpose)
            throws IOException, SQLException {
        Report.section("replay of " + Report.count(lineCount) + " lines of a " + Report.count(LINES)
                + "-line delete script on " + shape.describe() + where + " (" + purpose + ")");
        List<Integer> indexes = shape.samplePlainIndexes(LINES, 5).subList(0, lineCount);
        Path script = bench.work().resolve("delete-" + lineCount + "-from-" + shape.key() + ".amsh");
        List<String> lines = new ArrayList<>();
        indexes.forEach(i -> lines.add("image delete " + CatalogShape.plainName(i) + " --yes"));
        Files.write(script, lines);

        String size = Report.count(shape.plainImages()) + " images" + where + ", " + Report.count(lineCount) + " lines";
        // The floor runs just before and just after amsh's run, and amsh is compared with their mean: a
        // commit's cost (the disk's) drifts on this kind of machine by a third within a minute.
        double atomicBefore = floor(copies, shape, indexes, false);
        Replay atomic = replayRun(copies, shape, script, lineCount, true);
        double atomicAfter = floor(copies, shape, indexes, false);
        figures(size, lineCount, "--atomic", atomic, atomicBefore, atomicAfter, 2000, 1.5);
        double perLineBefore = floor(copies, shape, indexes, true);
        Replay perLine = replayRun(copies, shape, script, lineCount, false);
        double perLineAfter = floor(copies, shape, indexes, true);
        figures(size, lineCount, "per line", perLine, perLineBefore, perLineAfter, 300, 2);
        return new Rates(lineCount / atomic.runSeconds(), lineCount / perLine.runSeconds());
    }

    /** The in-run seconds of an {@code --atomic} replay of the script's first {@code lineCount} lines, for the growth table. */
    double atomicRunSeconds(CatalogCopy.Source copies, CatalogShape shape, int lineCount) throws IOException {
        Path script = bench.work().resolve("delete-" + lineCount + "-from-" + shape.key() + ".amsh");
        Files.write(script, shape.samplePlainIndexes(LINES, 5).subList(0, lineCount).stream()
                .map(i -> "image delete " + CatalogShape.plainName(i) + " --yes").toList());
        return replayRun(copies, shape, script, lineCount, true).runSeconds();
    }

    private static double floor(CatalogCopy.Source copies, CatalogShape shape, List<Integer> indexes,
            boolean commitEach) throws SQLException {
        try (CatalogCopy copy = copies.freshCopy(shape, "floor")) {
            return copy.deleteFloor(indexes, commitEach);
        }
    }

    /** What one replay reported about itself, and how long its process took from start to exit. */
    private record Replay(double runSeconds, double wallSeconds) {
    }

    private Replay replayRun(CatalogCopy.Source copies, CatalogShape shape, Path script, int lineCount, boolean atomic)
            throws IOException {
        Path out = bench.work().resolve("replay-output.txt");
        try (CatalogCopy copy = copies.freshCopy(shape, "replay")) {
            List<String> args = new ArrayList<>(copy.amshOptions());
            args.addAll(List.of("script", script.toString(), "--yes"));
            if (atomic) {
                args.add("--atomic");
            }
            Tools.Run run = bench.tools().runOk(bench.tools().amsh(args.toArray(String[]::new)), copy.environment(), out);
            List<String> printed = Files.readAllLines(out);
            String summary = printed.isEmpty() ? "" : printed.get(printed.size() - 1);
            Matcher m = SUMMARY.matcher(summary);
            if (!m.find() || Integer.parseInt(m.group(3)) != lineCount) {
                throw new IllegalStateException("the replay did not delete " + lineCount + " images: " + summary + " "
                        + run.errTail());
            }
            return new Replay(Double.parseDouble(m.group(4)), run.seconds());
        }
    }

    private void figures(String size, int lineCount, String mode, Replay replay, double floorBefore,
            double floorAfter, double targetRate, double targetRatio) {
        Report report = bench.report();
        double rate = lineCount / replay.runSeconds();
        double floorSeconds = (floorBefore + floorAfter) / 2;
        double ratio = replay.runSeconds() / floorSeconds;
        report.figure("replay " + mode + ", " + size, Report.count(rate) + " lines/s (" + Report.seconds(replay.runSeconds())
                        + " in-run; " + Report.count(lineCount / replay.wallSeconds()) + " lines/s by wall clock incl. start)",
                ">= " + Report.count(targetRate) + " lines/s",
                "JDBC floor " + Report.count(lineCount / floorSeconds) + " lines/s (" + Report.count(lineCount / floorBefore)
                        + " before, " + Report.count(lineCount / floorAfter) + " after)", rate >= targetRate);
        report.figure("replay " + mode + ", " + size + ": amsh / floor", Report.ratio(ratio),
                "<= " + Report.ratio(targetRatio), "", ratio <= targetRatio);
    }
}
