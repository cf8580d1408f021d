package io.entroflow.operators.conformal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Random configurations and streams (with many ties: values on a few levels, and -0.0 beside 0.0):
 * every p-value equals a batch recomputation from the last N calibration values by a plain sort,
 * and a calibrator restored at a random point continues bit-identically. QuickTheories with a fixed
 * seed; a failure prints the falsifying (seed, ...) tuple.
 */
class ConformalCalibratorProperties {
    private static final long SEED = 20261203L;

    private static ConformalConfig config(Random r) {
        int n = 2 + r.nextInt(59);
        Side side = Side.values()[r.nextInt(3)];
        double smallest = (side == Side.TWO_SIDED ? 2.0 : 1.0) / (n + 1);
        double alpha = Math.min(0.999, smallest + r.nextDouble() * (1 - smallest));
        return new ConformalConfig(n, 1 + r.nextInt(7), side, alpha, r.nextBoolean(), r.nextLong());
    }

    private static double value(Random r, int levels) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(levels);
            case 1 -> r.nextBoolean() ? -0.0 : 0.0;
            default -> r.nextGaussian() * 3;
        };
    }

    /** The p-value by definition: counts over the last N calibration values, sorted afresh. */
    private static double batch(ConformalConfig config, List<Double> calibration, double x, long index) {
        int n = config.calibrationSize();
        double[] last = calibration.subList(calibration.size() - n, calibration.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(last);
        int above = 0;
        int below = 0;
        for (double v : last) {
            above += v > x ? 1 : 0;
            below += v < x ? 1 : 0;
        }
        return ConformalCalibrator.pValue(config, above, below, TieNoise.uniform(config.seed(), index));
    }

    @Test
    void pValuesEqualABatchRecomputationFromTheLastNCalibrationValues() {
        qt().withFixedSeed(SEED).withExamples(200).forAll(longs().all(), integers().between(1, 3_000))
                .checkAssert((seed, length) -> {
                    Random r = new Random(seed);
                    ConformalConfig config = config(r);
                    ConformalCalibrator c = new ConformalCalibrator(config);
                    List<Double> calibration = new ArrayList<>();
                    int levels = 1 + r.nextInt(6);
                    for (int i = 0; i < length; i++) {
                        double x = value(r, levels);
                        ConformalPValue p = c.update(x);
                        assertThat(p.index()).isEqualTo(i);
                        assertThat(p.calibration()).isEqualTo((i + 1) % config.stride() == 0);
                        if (calibration.size() < config.calibrationSize()) {
                            assertThat(p.warmingUp()).isTrue();
                            assertThat(p.pValue()).isNaN();
                        } else {
                            double expected = batch(config, calibration, x, i);
                            assertThat(Double.doubleToRawLongBits(p.pValue())).as("p-value of value %d", i)
                                    .isEqualTo(Double.doubleToRawLongBits(expected));
                            assertThat(p.pValue()).isGreaterThan(0).isLessThanOrEqualTo(1);
                            assertThat(p.alarm()).isEqualTo(expected <= config.alpha());
                        }
                        if (p.calibration()) {
                            calibration.add(x);
                        }
                    }
                });
    }

    @Test
    void aCalibratorRestoredAtARandomPointContinuesBitIdentically() {
        qt().withFixedSeed(SEED).withExamples(200).forAll(longs().all(), integers().between(0, 2_000))
                .checkAssert((seed, length) -> {
                    Random r = new Random(seed);
                    ConformalConfig config = config(r);
                    int levels = 1 + r.nextInt(6);
                    double[] xs = new double[length];
                    for (int i = 0; i < length; i++) {
                        xs[i] = value(r, levels);
                    }
                    int cut = r.nextInt(length + 1);
                    ConformalCalibrator original = new ConformalCalibrator(config);
                    for (int i = 0; i < cut; i++) {
                        original.update(xs[i]);
                    }
                    byte[] state = original.checkpoint();
                    ConformalCalibrator restored = new ConformalCalibrator(config);
                    restored.restore(state);
                    assertThat(restored.checkpoint()).isEqualTo(state);
                    for (int i = cut; i < length; i++) {
                        ConformalPValue a = original.update(xs[i]);
                        ConformalPValue b = restored.update(xs[i]);
                        assertThat(Double.doubleToRawLongBits(b.pValue())).as("p-value %d", i)
                                .isEqualTo(Double.doubleToRawLongBits(a.pValue()));
                        assertThat(b).isEqualTo(a);
                    }
                    assertThat(restored.checkpoint()).isEqualTo(original.checkpoint());
                });
    }
}
