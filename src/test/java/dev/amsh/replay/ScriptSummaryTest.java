package dev.amsh.replay;

import dev.amsh.command.Exit;
import dev.amsh.command.RemovalTally;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary line reads as a sentence: counts of one in the singular. */
class ScriptSummaryTest {

    @Test
    void oneOfEachIsSingular() {
        RemovalTally removed = new RemovalTally();
        removed.add(1, 1, 2048);

        String line = summary(1, removed, Duration.ofSeconds(1)).describe();

        assertThat(line).isEqualTo("1 of 1 line run: 1 done, 0 refused, 0 failed; removed 1 image, 1 version (2.0 KiB);"
                + " 1.0 s, 1.0 lines/s");
    }

    @Test
    void otherCountsArePlural() {
        RemovalTally removed = new RemovalTally();
        removed.add(2, 3, 3072);

        String line = summary(4, removed, Duration.ofSeconds(2)).describe();

        assertThat(line).isEqualTo("4 of 4 lines run: 4 done, 0 refused, 0 failed; removed 2 images, 3 versions"
                + " (3.0 KiB); 2.0 s, 2.0 lines/s");
        assertThat(summary(0, new RemovalTally(), Duration.ofSeconds(1)).describe())
                .contains("0 of 0 lines run").contains("removed 0 images, 0 versions").endsWith("; 1.0 s");
    }

    @Test
    void theRateReadsSensiblyForSlowShortAndLongRuns() {
        assertThat(summary(2, new RemovalTally(), Duration.ofMillis(9400)).describe()).endsWith("9.4 s, 4.7 s/line");
        assertThat(summary(5, new RemovalTally(), Duration.ofSeconds(2)).describe()).endsWith("2.0 s, 2.5 lines/s");
        assertThat(summary(10000, new RemovalTally(), Duration.ofMillis(4200)).describe())
                .endsWith("4.2 s, 2381 lines/s");
    }

    private static ScriptSummary summary(int lines, RemovalTally removed, Duration elapsed) {
        return new ScriptSummary(lines, lines, lines, 0, 0, List.of(), removed, elapsed, Optional.empty(), false, true,
                Exit.DONE);
    }
}
