package dev.amsh.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizes as amsh prints them. */
class TextsTest {

    private static final List<String> UNITS = List.of("KiB", "MiB", "GiB", "TiB", "PiB", "EiB");

    @Test
    void sizesNameTheLargestUnitWithOneDecimal() {
        assertThat(Texts.size(0)).isEqualTo("0 B");
        assertThat(Texts.size(1023)).isEqualTo("1023 B");
        assertThat(Texts.size(1024)).isEqualTo("1.0 KiB");
        assertThat(Texts.size(1536)).isEqualTo("1.5 KiB");
        assertThat(Texts.size(1024L * 1024 - 1)).isEqualTo("1024.0 KiB");
        assertThat(Texts.size(2_791_728_742L)).isEqualTo("2.6 GiB");
        assertThat(Texts.size(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    }

    @Test
    void sizesRoundAsFormattingWithOneDecimalDoes() {
        long seed = System.nanoTime();
        System.out.println("TextsTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 100_000; i++) {
            long bytes = 1024 + ((random.nextLong() & Long.MAX_VALUE) >>> (1 + random.nextInt(63)));
            assertThat(Texts.size(bytes)).as("%d bytes (seed %d)", bytes, seed).isEqualTo(formatted(bytes));
        }
        // Halves, where rounding differs between ways of doing it: 1.05 KiB, 1.15 KiB, 1.25 KiB...
        for (long tenths = 10; tenths < 10_000; tenths++) {
            long bytes = (tenths * 1024 + 512) / 10;
            assertThat(Texts.size(bytes)).as("%d bytes", bytes).isEqualTo(formatted(bytes));
        }
    }

    /** The size Texts gives, its number formatted again by the Formatter from the unit it chose. */
    private static String formatted(long bytes) {
        String unit = Texts.size(bytes).substring(Texts.size(bytes).indexOf(' ') + 1);
        int power = UNITS.indexOf(unit) + 1;
        assertThat(power).as("a unit of %d bytes", bytes).isPositive();
        // Division by a power of two is exact: the same double as dividing by 1024 again and again.
        return String.format(Locale.ROOT, "%.1f %s", bytes / Math.pow(1024, power), unit);
    }
}
