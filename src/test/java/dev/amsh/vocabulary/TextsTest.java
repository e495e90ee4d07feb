package dev.amsh.vocabulary;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizes as amsh prints them. */
class TextsTest {

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

    private static String formatted(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
