package dev.amsh.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Start-up as an operator meets it: a one-shot {@code image list} (launcher against the plain fat
 * jar, alternating, so both see the same machine), and the interactive shell's first prompt.
 */
final class StartupBench {

    private static final int LIST_RUNS = 10;
    private static final int PROMPT_RUNS = 5;
    private static final String PROMPT = "amsh> ";

    private final Bench bench;

    StartupBench(Bench bench) {
        this.bench = bench;
    }

    void run() {
        Report report = bench.report();
        Tools tools = bench.tools();
        Path catalog = bench.catalogs().pristine(Bench.THOUSAND);
        String dir = catalog.toString();
        Report.section("one-shot image list on " + Bench.THOUSAND.describe() + ", median of " + LIST_RUNS);
        // One untimed run of each fills the page cache (and lets a launcher build any cache of its own).
        tools.runOk(tools.amsh("--catalog", dir, "image", "list"), null);
        tools.runOk(tools.plainJar("--catalog", dir, "image", "list"), null);
        Samples launcher = new Samples();
        Samples plainJar = new Samples();
        for (int i = 0; i < LIST_RUNS; i++) {
            launcher.add(tools.runOk(tools.amsh("--catalog", dir, "image", "list"), null).wallNanos());
            plainJar.add(tools.runOk(tools.plainJar("--catalog", dir, "image", "list"), null).wallNanos());
        }
        double ratio = launcher.medianMillis() / plainJar.medianMillis();
        report.figure("image list, 1,000 images (" + tools.amshName() + ")", Report.seconds(launcher.medianMillis() / 1e3),
                "<= 1.0 s", "plain jar " + Report.seconds(plainJar.medianMillis() / 1e3),
                launcher.medianMillis() <= 1000);
        report.figure("image list: launcher / plain jar", Report.ratio(ratio), "<= 0.20x", "", ratio <= 0.2);

        Report.section("interactive start to the first prompt, median of " + PROMPT_RUNS);
        Samples launcherPrompt = new Samples();
        Samples plainJarPrompt = new Samples();
        for (int i = 0; i < PROMPT_RUNS; i++) {
            launcherPrompt.add(timeToPrompt(tools.amsh("--catalog", dir)));
            plainJarPrompt.add(timeToPrompt(tools.plainJar("--catalog", dir)));
        }
        report.figure("start to first prompt (" + tools.amshName() + ")",
                Report.seconds(launcherPrompt.medianMillis() / 1e3), "<= 1.5 s",
                "plain jar " + Report.seconds(plainJarPrompt.medianMillis() / 1e3),
                launcherPrompt.medianMillis() <= 1500);
    }

    /** From starting the process on a pty to {@code amsh> } on its screen; then exits the shell. */
    static long timeToPrompt(List<String> command) {
        try (PtySession session = PtySession.start(command)) {
            PtySession.Seen prompt = session.await(PROMPT, 0, Duration.ofSeconds(60));
            session.type("exit\r");
            int code = session.awaitExit(Duration.ofSeconds(30));
            if (code != 0) {
                throw new IllegalStateException("the shell exited with " + code + ": " + session.output());
            }
            return prompt.atNanos() - session.startedNanos();
        }
    }
}
