package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.Side;

import java.util.Random;
import java.util.function.Supplier;

/** Shared helpers of the detector tests: random configurations and run-length simulation. */
final class Detectors {
    private Detectors() {
    }

    /** A random detector configuration of kind 0..3 with thresholds low enough that alarms happen. */
    static Supplier<ChangeDetector> random(Random r, int kind) {
        Baseline baseline = r.nextBoolean() ? Baseline.estimated(2 + r.nextInt(50))
                : Baseline.known(r.nextGaussian(), 0.5 + r.nextDouble());
        Side side = Side.values()[r.nextInt(3)];
        return switch (kind) {
            case 0 -> {
                CusumDetector.Config c = new CusumDetector.Config(baseline, side, r.nextDouble(), 0.5 + 5 * r.nextDouble());
                yield () -> new CusumDetector(c);
            }
            case 1 -> {
                PageHinkleyDetector.Config c = new PageHinkleyDetector.Config(baseline, side, r.nextDouble(),
                        0.5 + 5 * r.nextDouble());
                yield () -> new PageHinkleyDetector(c);
            }
            case 2 -> {
                ShiryaevRobertsDetector.Config c = new ShiryaevRobertsDetector.Config(baseline, side,
                        0.2 + 2 * r.nextDouble(), 2 + 200 * r.nextDouble());
                yield () -> new ShiryaevRobertsDetector(c);
            }
            default -> {
                int window = 1 + r.nextInt(20);
                BayesianChangePointDetector.Config c = new BayesianChangePointDetector.Config(baseline,
                        2 + 300 * r.nextDouble(), 2 * window + 1 + r.nextInt(60), window, 0.05 + 0.9 * r.nextDouble(),
                        r.nextGaussian(), 0.1 + r.nextDouble(), 0.5 + r.nextDouble(), 0.5 + r.nextDouble());
                yield () -> new BayesianChangePointDetector(c);
            }
        };
    }

    /**
     * The mean number of values from the first one after warm-up (1-based) to the first alarm on
     * N(0, 1) values, the values from the {@code changeAt}-th one on shifted by {@code shift};
     * runs that alarm before the change are left out (conditional delay). changeAt = 1 with
     * shift 0 is ARL0; changeAt = 1 with a shift is the zero-state delay.
     */
    static double meanRunLength(Supplier<ChangeDetector> fresh, int runs, long seed, double shift, int changeAt) {
        Random r = new Random(seed);
        long total = 0;
        int counted = 0;
        for (int i = 0; i < runs; i++) {
            ChangeDetector d = fresh.get();
            long t = 0;
            while (true) {
                boolean counting = !d.warmingUp();
                if (counting) {
                    t++;
                }
                double x = r.nextGaussian() + (counting && t >= changeAt ? shift : 0);
                if (d.update(x) || t > 100_000_000L) {
                    break;
                }
            }
            if (t >= changeAt) {
                total += t - changeAt + 1;
                counted++;
            }
        }
        return total / (double) counted;
    }
}
