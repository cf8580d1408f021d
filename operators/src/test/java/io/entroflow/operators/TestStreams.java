package io.entroflow.operators;

import io.entroflow.operators.window.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random event streams for property tests: skewed symbol frequencies, disorder within lateness. */
public final class TestStreams {
    private TestStreams() {
    }

    /**
     * {@code length} events over {@code alphabet} symbols with random (skewed) probabilities; event
     * times advance by 0..40 ms and, for a time window, arrive up to its lateness out of order.
     */
    public static List<BatchEntropy.Event> events(Window window, int alphabet, int length, long seed) {
        Random random = new Random(seed);
        double[] cumulative = new double[alphabet];
        double total = 0;
        double skew = 0.5 + 3 * random.nextDouble();
        for (int s = 0; s < alphabet; s++) {
            total += Math.pow(random.nextDouble(), skew);
            cumulative[s] = total;
        }
        long lateness = window instanceof Window.Time t ? t.latenessMillis() : 0;
        long maxTime = 1_000_000;
        List<BatchEntropy.Event> events = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            maxTime += random.nextInt(41);
            long time = lateness > 0 && random.nextInt(4) == 0 ? maxTime - random.nextLong(lateness + 1) : maxTime;
            double u = random.nextDouble() * total;
            int symbol = 0;
            while (symbol < alphabet - 1 && cumulative[symbol] < u) {
                symbol++;
            }
            events.add(new BatchEntropy.Event(time, symbol));
        }
        return events;
    }

    /** |actual - expected| within 1e-9 relative (1e-12 absolute near zero). */
    public static boolean close(double actual, double expected) {
        if (Double.isInfinite(expected) || Double.isNaN(expected)) {
            return Double.compare(actual, expected) == 0;
        }
        return Math.abs(actual - expected) <= 1e-9 * Math.abs(expected) + 1e-12;
    }
}
