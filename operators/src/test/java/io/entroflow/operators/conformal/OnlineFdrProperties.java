package io.entroflow.operators.conformal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Online FDR rules restored at a random point decide exactly as the uninterrupted rule: same
 * levels bit for bit, same rejections. P-values mix uniform nulls with small ones so that
 * rejections (and with them the wealth terms) occur.
 */
class OnlineFdrProperties {
    private static final long SEED = 20261203L;

    private static void check(Supplier<OnlineFdr> fresh, long seed, int length) {
        Random r = new Random(seed);
        double[] ps = new double[length];
        for (int i = 0; i < length; i++) {
            ps[i] = r.nextInt(10) == 0 ? r.nextDouble() * 1e-4 : r.nextDouble();
        }
        int cut = r.nextInt(length + 1);
        OnlineFdr original = fresh.get();
        for (int i = 0; i < cut; i++) {
            original.test(ps[i]);
        }
        byte[] state = original.checkpoint();
        OnlineFdr restored = fresh.get();
        restored.restore(state);
        assertThat(restored.checkpoint()).isEqualTo(state);
        for (int i = cut; i < length; i++) {
            FdrDecision a = original.test(ps[i]);
            FdrDecision b = restored.test(ps[i]);
            assertThat(Double.doubleToRawLongBits(b.level())).as("level of test %d", i + 1)
                    .isEqualTo(Double.doubleToRawLongBits(a.level()));
            assertThat(b).isEqualTo(a);
        }
        assertThat(restored.checkpoint()).isEqualTo(original.checkpoint());
    }

    @Test
    void lordPlusPlusRestoredAtARandomPointDecidesIdentically() {
        qt().withFixedSeed(SEED).withExamples(100).forAll(longs().all(), integers().between(0, 3_000))
                .checkAssert((seed, length) -> check(() -> LordPlusPlus.withTarget(0.1), seed, length));
    }

    @Test
    void saffronRestoredAtARandomPointDecidesIdentically() {
        qt().withFixedSeed(SEED).withExamples(100).forAll(longs().all(), integers().between(0, 3_000))
                .checkAssert((seed, length) -> check(() -> new Saffron(0.1, 0.5, 0.02), seed, length));
    }

    @Test
    void decayingMemoryLordRestoredAtARandomPointDecidesIdentically() {
        qt().withFixedSeed(SEED).withExamples(100).forAll(longs().all(), integers().between(0, 3_000))
                .checkAssert((seed, length) -> check(() -> new DecayingMemoryLord(0.1, 0.99, 1), seed, length));
    }

    /**
     * Batch recomputation: after every test the level equals the definition evaluated over ALL
     * rejection times so far (nothing forgotten), so dropping rejections whose weight fell below
     * 2^-60 changes no level beyond rounding and no decision.
     */
    @Test
    void decayingMemoryLordLevelsEqualTheDefinitionOverAllRejections() {
        qt().withFixedSeed(SEED).withExamples(50).forAll(longs().all(), integers().between(1, 4_000))
                .checkAssert((seed, length) -> {
                    double q = 0.1;
                    double decay = 0.98;
                    double eta = 0.5;
                    Random r = new Random(seed);
                    DecayingMemoryLord lord = new DecayingMemoryLord(q, decay, eta);
                    List<Long> rejected = new ArrayList<>();
                    for (long t = 1; t <= length; t++) {
                        double p = r.nextInt(8) == 0 ? r.nextDouble() * 1e-3 : r.nextDouble();
                        double expected = q * eta * Math.max(GammaSequence.gamma(t), 1 - decay);
                        for (long tau : rejected) {
                            expected += q * StrictMath.pow(decay, t - tau) * GammaSequence.gamma(t - tau);
                        }
                        FdrDecision d = lord.test(p);
                        assertThat(d.level()).as("level of test %d", t).isCloseTo(expected, within(1e-15));
                        assertThat(d.rejected()).as("decision of test %d", t).isEqualTo(p <= expected);
                        if (d.rejected()) {
                            rejected.add(t);
                        }
                    }
                });
    }
}
