package dev.amsh.command;

import dev.amsh.catalog.Progress;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void aServicesProgressIsDrawnAsABarLabelledWithTheVerbAndErasedWhenFinished() {
        StringWriter terminal = new StringWriter();
        Progress progress = ProgressBar.ofBytes(new PrintWriter(terminal), "fetching");

        progress.started("focal (vm)", ProgressBar.BYTES_THRESHOLD * 2);
        progress.advanced(ProgressBar.BYTES_THRESHOLD);
        progress.finished();

        assertThat(terminal.toString()).contains("\rfetching focal (vm) [###############...............] 50%")
                .endsWith("\r\033[K");
    }

    @Test
    void aCountOfItemsIsDrawnFromItsMinimumWithTheCountBesideThePercentage() {
        StringWriter many = new StringWriter();
        StringWriter few = new StringWriter();
        Progress large = ProgressBar.ofCount(new PrintWriter(many), "exporting to", "rows", 1000);
        Progress small = ProgressBar.ofCount(new PrintWriter(few), "exporting to", "rows", 1000);

        large.started("c.jsonl", 4000);
        large.advanced(1000);
        large.finished();
        small.started("c.jsonl", 999);
        small.advanced(999);
        small.finished();

        assertThat(many.toString()).contains("\rexporting to c.jsonl [#######.......................] 25% (1000/4000 rows)")
                .endsWith("\r\033[K");
        assertThat(few.toString()).isEmpty();
    }

    @Test
    void outputWrittenAboveTheBarErasesItFirstAndTheNextUpdateDrawsItBelow() {
        StringWriter screen = new StringWriter();
        PrintWriter terminal = new PrintWriter(screen);
        ProgressBar bar = ProgressBar.counting(terminal, "replaying x", 4, "lines");
        PrintWriter output = bar.above(terminal);

        bar.update(1);
        output.println("x:2> image list");
        bar.update(1);
        bar.finish();

        String drawn = "\rreplaying x [#######.......................] 25% (1/4 lines)";
        assertThat(screen.toString()).isEqualTo(drawn + "\r\033[K" + "x:2> image list" + System.lineSeparator()
                + drawn + "\r\033[K");
    }

    @Test
    void withoutATerminalOutputGoesStraightThrough() {
        PrintWriter output = new PrintWriter(new StringWriter());

        assertThat(ProgressBar.counting(null, "replaying x", 4, "lines").above(output)).isSameAs(output);
    }

    @Test
    void withoutATerminalNothingIsDrawn() {
        assertThat(ProgressBar.ofBytes(null, "reading")).isSameAs(Progress.NONE);
    }
}
