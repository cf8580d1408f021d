package io.entroflow.operators.detect;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Every detector, random configuration (estimated or known baseline, every side), a stream with
 * random shifts so that alarms and restarts happen, a checkpoint at a random point restored into a
 * fresh detector: from then on alarms, statistics (bit for bit) and the final state equal the
 * uninterrupted run. QuickTheories with a fixed seed.
 */
class ChangeDetectorProperties {
    private static final long SEED = 20261203L;

    @Test
    void everyDetectorRestoredAtARandomPointContinuesBitIdentically() {
        qt().withFixedSeed(SEED).withExamples(400).forAll(longs().all(), integers().between(0, 3), integers().between(0, 1_500))
                .checkAssert((seed, kind, length) -> {
                    Random r = new Random(seed);
                    Supplier<ChangeDetector> fresh = Detectors.random(r, kind);
                    double[] xs = new double[length];
                    double level = 0;
                    for (int i = 0; i < length; i++) {
                        if (r.nextInt(100) == 0) {
                            level += 3 * r.nextGaussian();
                        }
                        xs[i] = level + (r.nextInt(50) == 0 ? 0.0 : r.nextGaussian());
                    }
                    int cut = r.nextInt(length + 1);
                    ChangeDetector original = fresh.get();
                    for (int i = 0; i < cut; i++) {
                        original.update(xs[i]);
                    }
                    byte[] state = original.checkpoint();
                    ChangeDetector restored = fresh.get();
                    restored.restore(state);
                    assertThat(restored.checkpoint()).isEqualTo(state);
                    for (int i = cut; i < length; i++) {
                        boolean a = original.update(xs[i]);
                        boolean b = restored.update(xs[i]);
                        assertThat(b).as("alarm at value %d", i).isEqualTo(a);
                        assertThat(Double.doubleToRawLongBits(restored.statistic())).as("statistic at value %d", i)
                                .isEqualTo(Double.doubleToRawLongBits(original.statistic()));
                        assertThat(restored.warmingUp()).isEqualTo(original.warmingUp());
                    }
                    assertThat(restored.alarms()).isEqualTo(original.alarms());
                    assertThat(restored.checkpoint()).isEqualTo(original.checkpoint());
                });
    }
}
