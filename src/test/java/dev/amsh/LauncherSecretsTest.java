package dev.amsh;

import dev.amsh.command.Exit;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's own error lines, for a catalog URL with a password that cannot be opened. */
class LauncherSecretsTest {

    @Test
    void aCatalogUrlsPasswordIsNotEchoedWhenTheCatalogCannotBeOpened() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Launcher.run(new String[] {"--catalog-url",
                        "jdbc:derby://127.0.0.1:1/nowhere;user=amsh;password=hunter2", "image", "list"},
                Map.of(), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(Exit.FAILED.code());
        assertThat(printed).startsWith("error: cannot open catalog jdbc:derby://127.0.0.1:1/nowhere;user=amsh;password=***")
                .doesNotContain("hunter2");
    }
}
