package dev.amsh.bench;

import java.util.function.IntConsumer;

/**
 * A hand-rolled latency loop: {@code warmUp} untimed calls (to let the JIT compile the path and
 * Derby cache the pages), then {@code measured} calls each timed on its own, so that p99 is the
 * latency of a single call as an operator meets it. Call {@code i} gets {@code i} to pick its input.
 */
final class Latency {

    private Latency() {
    }

    static Samples measure(int warmUp, int measured, IntConsumer call) {
        for (int i = 0; i < warmUp; i++) {
            call.accept(i);
        }
        Samples samples = new Samples();
        for (int i = 0; i < measured; i++) {
            long started = System.nanoTime();
            call.accept(warmUp + i);
            samples.add(System.nanoTime() - started);
        }
        return samples;
    }
}
