package dev.amsh.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Durations of repeated runs of one thing, in nanoseconds, and their order statistics. */
final class Samples {

    private final List<Long> nanos = new ArrayList<>();

    void add(long duration) {
        nanos.add(duration);
    }

    int count() {
        return nanos.size();
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    /** Nearest-rank percentile: the smallest sample that at least {@code percent}% of the samples do not exceed. */
    double percentileMillis(double percent) {
        if (nanos.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }

    double maxMillis() {
        return Collections.max(nanos) / 1e6;
    }

    /** {@code p50 0.41 ms, p99 1.20 ms (max 3.1 ms, n=2000)}. */
    String describePercentiles() {
        return String.format(Locale.ROOT, "p50 %s ms, p99 %s ms (max %s ms, n=%d)", Report.millis(percentileMillis(50)),
                Report.millis(percentileMillis(99)), Report.millis(maxMillis()), count());
    }
}
