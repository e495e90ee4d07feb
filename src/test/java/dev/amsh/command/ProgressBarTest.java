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
    void withoutATerminalNothingIsDrawn() {
        assertThat(ProgressBar.ofBytes(null, "reading")).isSameAs(Progress.NONE);
    }
}
