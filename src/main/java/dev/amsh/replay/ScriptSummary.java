package dev.amsh.replay;

import dev.amsh.command.RemovalTally;
import dev.amsh.vocabulary.Texts;
import org.springframework.shell.core.command.ExitStatus;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a script run went.
 *
 * @param stoppedAt   the line the run stopped at, when it stopped early
 * @param interrupted whether it stopped there because the operator pressed Ctrl-C
 * @param applied   whether its changes stand (false for a dry run, or an atomic run that rolled back)
 * @param outcome   the run's exit status: its worst line's (a failure over a usage error over a refusal)
 */
public record ScriptSummary(int total, int run, int done, int refused, int failed, List<ScriptLine> failures,
        RemovalTally removed, Duration elapsed, Optional<ScriptLine> stoppedAt, boolean interrupted, boolean applied,
        ExitStatus outcome) {

    public boolean succeeded() {
        return refused == 0 && failed == 0 && !interrupted;
    }

    public double linesPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return run / seconds;
    }

    /**
     * {@code 12 of 12 lines run: 10 done, 1 refused, 1 failed; removed 3 images, 7 versions (1.2 GiB); 0.8 s, 15 lines/s};
     * a dry run or a rolled-back atomic run "would remove".
     */
    public String describe() {
        return String.format(Locale.ROOT, "%d of %s run: %d done, %d refused, %d failed; %s %s, %s (%s); %.1f s%s",
                run, Texts.count(total, "line"), done, refused, failed, applied ? "removed" : "would remove",
                Texts.count(removed.images(), "image"), Texts.count(removed.versions(), "version"),
                Texts.size(removed.bytes()), elapsed.toNanos() / 1e9, rate());
    }

    /**
     * {@code , 2381 lines/s} for a long run, {@code , 2.5 lines/s} for a short one, {@code , 4.7 s/line}
     * for a slow one (a rounded "0 lines/s" would say nothing ran); nothing when no line ran.
     */
    private String rate() {
        double perSecond = linesPerSecond();
        if (run == 0) {
            return "";
        }
        if (perSecond >= 10) {
            return String.format(Locale.ROOT, ", %d lines/s", Math.round(perSecond));
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, ", %.1f lines/s", perSecond);
        }
        return String.format(Locale.ROOT, ", %.1f s/line", 1 / perSecond);
    }
}
