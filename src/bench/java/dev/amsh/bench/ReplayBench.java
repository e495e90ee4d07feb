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
 * of the catalog, against the JDBC floor on further fresh copies.
 */
final class ReplayBench {

    static final int LINES = 10_000;
    /**
     * Lines replayed on the 100,000-image catalog: the whole script takes over half an hour there
     * today, so by default the first 1,000 lines of it are replayed (a rate, comparable as such);
     * {@code -Damsh.bench.large-replay-lines=10000} replays all of it.
     */
    private static final int LARGE_REPLAY_LINES = Integer.getInteger("amsh.bench.large-replay-lines", 1_000);
    /** The script's own summary: {@code 10000 of 10000 lines run: 10000 done, ...; 4.2 s, 2381 lines/s}. */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) of (\\d+) lines run: (\\d+) done.*; ([\\d.]+) s, (\\d+) lines/s");

    private final Bench bench;

    ReplayBench(Bench bench) {
        this.bench = bench;
    }

    void run() throws IOException, SQLException {
        replay(Bench.TEN_THOUSAND, LINES, "the whole script");
        replay(Bench.HUNDRED_THOUSAND, LARGE_REPLAY_LINES, "at scale");
    }

    private void replay(CatalogShape shape, int lineCount, String purpose) throws IOException, SQLException {
        Report.section("replay of " + Report.count(lineCount) + " lines of a " + Report.count(LINES)
                + "-line delete script on " + shape.describe() + " (" + purpose + ")");
        List<Integer> indexes = shape.samplePlainIndexes(LINES, 5).subList(0, lineCount);
        Path script = bench.work().resolve("delete-" + lineCount + "-from-" + shape.key() + ".amsh");
        List<String> lines = new ArrayList<>();
        indexes.forEach(i -> lines.add("image delete " + CatalogShape.plainName(i) + " --yes"));
        Files.write(script, lines);

        double atomicFloor = floor(shape, indexes, false);
        double perLineFloor = floor(shape, indexes, true);
        figures(shape, lineCount, "--atomic", replayRun(shape, script, lineCount, true), atomicFloor, 2000);
        figures(shape, lineCount, "per line", replayRun(shape, script, lineCount, false), perLineFloor, 300);
    }

    private double floor(CatalogShape shape, List<Integer> indexes, boolean commitEach) throws SQLException {
        Path copy = bench.catalogs().freshCopy(shape, "floor");
        try {
            return DeleteFloor.run(copy, indexes, commitEach);
        }
        finally {
            Catalogs.deleteTree(copy);
        }
    }

    /** What one replay reported about itself, and how long its process took from start to exit. */
    private record Replay(double runSeconds, double wallSeconds) {
    }

    private Replay replayRun(CatalogShape shape, Path script, int lineCount, boolean atomic) throws IOException {
        Path copy = bench.catalogs().freshCopy(shape, "replay");
        Path out = bench.work().resolve("replay-output.txt");
        try {
            List<String> args = new ArrayList<>(List.of("--catalog", copy.toString(), "script", script.toString(), "--yes"));
            if (atomic) {
                args.add("--atomic");
            }
            Tools.Run run = bench.tools().runOk(bench.tools().amsh(args.toArray(String[]::new)), out);
            List<String> printed = Files.readAllLines(out);
            String summary = printed.isEmpty() ? "" : printed.get(printed.size() - 1);
            Matcher m = SUMMARY.matcher(summary);
            if (!m.find() || Integer.parseInt(m.group(3)) != lineCount) {
                throw new IllegalStateException("the replay did not delete " + lineCount + " images: " + summary + " "
                        + run.errTail());
            }
            return new Replay(Double.parseDouble(m.group(4)), run.seconds());
        }
        finally {
            Catalogs.deleteTree(copy);
        }
    }

    private void figures(CatalogShape shape, int lineCount, String mode, Replay replay, double floorSeconds,
            double targetRate) {
        Report report = bench.report();
        double rate = lineCount / replay.runSeconds();
        double ratio = replay.runSeconds() / floorSeconds;
        String size = Report.count(shape.plainImages()) + " images, " + Report.count(lineCount) + " lines";
        report.figure("replay " + mode + ", " + size, Report.count(rate) + " lines/s (" + Report.seconds(replay.runSeconds())
                        + " in-run; " + Report.count(lineCount / replay.wallSeconds()) + " lines/s by wall clock incl. start)",
                ">= " + Report.count(targetRate) + " lines/s",
                "JDBC floor " + Report.count(lineCount / floorSeconds) + " lines/s", rate >= targetRate);
        report.figure("replay " + mode + ", " + size + ": amsh / floor", Report.ratio(ratio), "<= 2.5x", "",
                ratio <= 2.5);
    }
}
