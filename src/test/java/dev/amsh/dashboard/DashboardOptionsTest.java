package dev.amsh.dashboard;

import dev.amsh.command.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardOptionsTest {

    @TempDir
    Path home;

    @Test
    void otherCommandsAreNotTheDashboard() {
        assertThat(DashboardOptions.parse(List.of("image", "list"), Map.of())).isEmpty();
        assertThat(DashboardOptions.parse(List.of(), Map.of())).isEmpty();
    }

    @Test
    void loopbackOnARandomPortByDefault() {
        DashboardOptions options = DashboardOptions.parse(List.of("dashboard"), Map.of()).orElseThrow();
        assertThat(options.serverProperties()).containsEntry("server.address", "127.0.0.1")
                .containsEntry("server.port", 0).doesNotContainKey("server.ssl.enabled");
        assertThat(options.https()).isFalse();
    }

    @Test
    void aPortIsTakenInEitherSpelling() {
        assertThat(DashboardOptions.parse(List.of("dashboard", "--port", "8123"), Map.of()).orElseThrow().port())
                .isEqualTo(8123);
        assertThat(DashboardOptions.parse(List.of("dashboard", "--port=8124"), Map.of()).orElseThrow().port())
                .isEqualTo(8124);
    }

    @Test
    void badInputIsOneUsageLine() {
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("dashboard", "--port", "http"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("dashboard", "--port", "70000"), Map.of()))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("dashboard", "--open"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option '--open'");
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("dashboard", "--listen"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("--listen needs a value");
    }

    @Test
    void listenNeedsAKeystoreAndItsPasswordFromTheEnvironment() throws Exception {
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("dashboard", "--listen", "0.0.0.0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("HTTPS only");
        Path keystore = Files.write(home.resolve("dashboard.p12"), new byte[] {1});
        assertThatThrownBy(() -> DashboardOptions.parse(
                List.of("dashboard", "--listen", "0.0.0.0", "--keystore", keystore.toString()), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining(DashboardOptions.PASSWORD_VARIABLE);
        assertThatThrownBy(() -> DashboardOptions.parse(
                List.of("dashboard", "--keystore", home.resolve("missing.p12").toString()), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("no readable file");

        DashboardOptions options = DashboardOptions.parse(List.of("dashboard", "--listen", "0.0.0.0", "--keystore",
                keystore.toString()), Map.of(DashboardOptions.PASSWORD_VARIABLE, "s3cret")).orElseThrow();
        assertThat(options.https()).isTrue();
        assertThat(options.serverProperties()).containsEntry("server.address", "0.0.0.0")
                .containsEntry("server.ssl.enabled", true).containsEntry("server.ssl.key-store-type", "PKCS12")
                .containsEntry("server.ssl.key-store-password", "s3cret");
        assertThat(options.toString()).doesNotContain("s3cret");
        assertThat(options.listen()).isEqualTo(Optional.of("0.0.0.0"));
    }

    @Test
    void serveTakesTheDashboardsOptionsAfterDashboard() {
        assertThat(DashboardOptions.parse(List.of("serve"), Map.of())).isEmpty();
        assertThat(DashboardOptions.parse(List.of("serve", "--status"), Map.of())).isEmpty();
        assertThat(DashboardOptions.parse(List.of("serve", "--dashboard"), Map.of()).orElseThrow().port()).isZero();
        assertThat(DashboardOptions.parse(List.of("serve", "--dashboard", "--port", "8125"), Map.of()).orElseThrow()
                .port()).isEqualTo(8125);
        assertThat(DashboardOptions.parse(List.of("serve", "--port=8126", "--dashboard"), Map.of()).orElseThrow()
                .port()).isEqualTo(8126);
    }

    @Test
    void serveRefusesTheDashboardsOptionsWithoutItAndStatusWithIt() {
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("serve", "--port", "8080"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--port goes with --dashboard;");
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("serve", "--listen=0.0.0.0"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--listen goes with --dashboard;");
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("serve", "--status", "--dashboard"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("serve --status takes no other option;");
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("serve", "--dashboard", "--open"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("unknown option '--open'")
                .hasMessageContaining("usage: amsh serve");
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("serve", "--dashboard", "--listen", "0.0.0.0"),
                Map.of())).isInstanceOf(UsageException.class).hasMessageContaining("HTTPS only");
    }

    @Test
    void aMistypedOptionIsNamedWithTheOneMeant() {
        assertThatThrownBy(() -> DashboardOptions.parse(List.of("dashboard", "--prot", "8080"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("unknown option '--prot'; did you mean --port?")
                .hasMessageContaining("usage: amsh dashboard");
    }
}
