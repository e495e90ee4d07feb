package dev.amsh.service;

import dev.amsh.command.UsageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code serve}'s words, read by its spec as any command's are. */
class ServeOptionsTest {

    @Test
    void serveRunsUntilStoppedOrIdleForAsLongAsTold() {
        assertThat(ServeOptions.parse(List.of("serve"), Map.of()))
                .contains(new ServeOptions(ServeOptions.Mode.FOREGROUND, Optional.empty()));
        assertThat(ServeOptions.parse(List.of("serve", "--idle", "5m"), Map.of()))
                .contains(new ServeOptions(ServeOptions.Mode.FOREGROUND, Optional.of(Duration.ofMinutes(5))));
        assertThat(ServeOptions.parse(List.of("serve", "--idle=90s"), Map.of()).orElseThrow().idle())
                .contains(Duration.ofSeconds(90));
        assertThat(ServeOptions.parse(List.of("serve", "--status"), Map.of()).orElseThrow().mode())
                .isEqualTo(ServeOptions.Mode.STATUS);
        assertThat(ServeOptions.parse(List.of("image", "list"), Map.of())).isEmpty();
    }

    @Test
    void theBackgroundServiceIdlesAsTheEnvironmentSays() {
        assertThat(ServeOptions.parse(List.of(ServeOptions.BACKGROUND_WORD), Map.of(ServeOptions.IDLE_VARIABLE, "2h"))
                .orElseThrow().idle()).contains(Duration.ofHours(2));
        assertThat(ServeOptions.parse(List.of(ServeOptions.BACKGROUND_WORD), Map.of()).orElseThrow().idle())
                .contains(ServeOptions.DEFAULT_IDLE);
    }

    @Test
    void badWordsAreOneUsageLine() {
        assertThatThrownBy(() -> ServeOptions.parse(List.of("serve", "--stauts"), Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("serve does not take '--stauts'; did you mean --status?; usage: amsh");
        assertThatThrownBy(() -> ServeOptions.parse(List.of("serve", "--status", "--idle", "5m"), Map.of()))
                .hasMessageStartingWith("--status and --stop take no other option;");
        assertThatThrownBy(() -> ServeOptions.parse(List.of("serve", "--port", "8080"), Map.of()))
                .hasMessageStartingWith("--port goes with --dashboard;");
        assertThatThrownBy(() -> ServeOptions.parse(List.of("serve", "--idle", "soon"), Map.of()))
                .hasMessageContaining("not 'soon'");
    }

    @Test
    void helpIsAnsweredForServeAndTheDashboardOnly() {
        assertThat(ServeOptions.help(List.of("serve", "--help")).orElseThrow())
                .startsWith("serve - ").contains("--idle DURATION").contains("--dashboard").contains("--listen ADDR");
        assertThat(ServeOptions.help(List.of("dashboard", "-h")).orElseThrow()).startsWith("dashboard - ")
                .contains("--keystore FILE");
        assertThat(ServeOptions.help(List.of("serve", "--", "--help"))).isEmpty();
        assertThat(ServeOptions.help(List.of("image", "list", "--help"))).isEmpty();
    }
}
