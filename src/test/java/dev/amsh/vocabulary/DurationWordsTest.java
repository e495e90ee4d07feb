package dev.amsh.vocabulary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The one reading of a typed duration, for --timeout, --idle and --older-than alike. */
class DurationWordsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "90s, PT90S", "10m, PT10M", "12h, PT12H", "30d, PT720H", "2w, PT336H",
            "P30D, PT720H", "PT36H, PT36H", "0s, PT0S"})
    void readsANumberWithItsUnitOrIso8601(String text, Duration expected) {
        assertThat(DurationWords.read(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "30 s", "-3d", "3M", "3y", "soon", "", "P-1D", "-PT5S", "99999999999999999999d",
            "9999999999999999999w", "P99999999999999999D"})
    void readsNothingElse(String text) {
        assertThat(DurationWords.read(text)).isEmpty();
    }
}
