package dev.amsh.image;

import dev.amsh.catalog.Progress;
import dev.amsh.vocabulary.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageFilesTest {

    /** Writes down what it hears, as a terminal bar or a web page would see it. */
    static final class RecordedProgress implements Progress {
        final List<String> events = new ArrayList<>();

        @Override
        public void started(String subject, long total) {
            events.add("started " + subject + " " + total);
        }

        @Override
        public void advanced(long done) {
            events.add("advanced " + done);
        }

        @Override
        public void finished() {
            events.add("finished");
        }
    }

    @Test
    void reportsTheFileItsSizeAndHowMuchWasReadWithoutDrawingAnything(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("foo.img"), new byte[100_000]);
        RecordedProgress progress = new RecordedProgress();

        ImageContent content = ImageFiles.read(file.toString(), Path.of(""), progress);

        assertThat(content.size()).isEqualTo(100_000);
        assertThat(progress.events.get(0)).isEqualTo("started foo.img 100000");
        assertThat(progress.events).contains("advanced 100000").last().isEqualTo("finished");
    }

    @Test
    void aFileThatCannotBeReadStillFinishesTheProgress(@TempDir Path dir) {
        RecordedProgress progress = new RecordedProgress();

        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("missing.img").toString(), Path.of(""), progress))
                .isInstanceOf(InvalidValueException.class).hasMessageEndingWith("no such file");
        assertThat(progress.events).containsExactly("finished");
    }
}
