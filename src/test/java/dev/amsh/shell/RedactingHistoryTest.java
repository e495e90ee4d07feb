package dev.amsh.shell;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines read by a real JLine reader and saved to its history file, as the REPL does. */
class RedactingHistoryTest {

    @TempDir
    Path directory;

    @Test
    void aPasswordTypedInAUrlIsNeitherRecalledNorWrittenToTheHistoryFile() throws IOException {
        Path historyFile = directory.resolve("history");
        String typed = "image server set http://user:s3cret@host/index.json\n"
                + "amsh --catalog-url jdbc:derby://db:1527/c;user=u;password=hunter2\n";
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).history(new RedactingHistory())
                    .variable(LineReader.HISTORY_FILE, historyFile).build();

            String first = reader.readLine("> ");
            reader.readLine("> ");
            reader.getHistory().save();

            assertThat(first).contains("s3cret");
            assertThat(reader.getHistory().get(0)).isEqualTo("image server set http://user:***@host/index.json");
        }
        assertThat(Files.readString(historyFile)).contains("user:***@host", "password=***")
                .doesNotContain("s3cret", "hunter2");
    }
}
