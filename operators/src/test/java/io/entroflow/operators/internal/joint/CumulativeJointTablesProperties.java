package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.histogram.CountHistogram;
import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.Histogram;
import io.entroflow.operators.internal.histogram.SparseHistogram;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.SplittableRandom;

import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * All-history windows keep whole counts ({@link JointTables#cumulative}) and hold exactly what the
 * weighted tables they replaced hold, and what a batch count of all history holds, bit for bit,
 * after every event; their state restores exactly, and so does the weighted tables' state of
 * earlier checkpoints; counts past the tabulated range, past 2-byte and past 2<sup>31</sup> keep the
 * weighted histograms' bits.
 */
class CumulativeJointTablesProperties {

    /** Variables of 1..8, 0..10 and 1..8 bits; 1..400 events over the low 1..16 bits or all; a checkpoint at 0..400. */
    private record CodeStream(int bitsA, int bitsB, int bitsC, int length, int bitsUsed, int cut, long seed) {
    }

    private static Gen<CodeStream> codeStreams() {
        Gen<Integer> bitsA = ints(1, 8);
        Gen<Integer> bitsB = ints(0, 10);
        Gen<Integer> bitsC = ints(1, 8);
        Gen<Integer> lengths = ints(1, 400);
        Gen<Integer> bitsUsed = ints(1, 16);
        Gen<Integer> cuts = ints(0, 400);
        Gen<Long> seeds = seeds();
        return in -> new CodeStream(bitsA.generate(in), bitsB.generate(in), bitsC.generate(in), lengths.generate(in),
                bitsUsed.generate(in), cuts.generate(in), seeds.generate(in));
    }

    private static long[] masks(CodeStream c) {
        JointCodeLayout layout = new JointCodeLayout(new String[] {"a", "b", "c"},
                new int[] {1 << c.bitsA(), 1 << Math.max(1, c.bitsB()), 1 << c.bitsC()},
                new int[] {1, c.bitsB() == 0 ? 0 : 1, 1});
        // (A,C) is non-contiguous (hashed) whenever B has bits; (A,B,C) is hashed past 18 bits; mask 0 stores nothing
        return new long[] {layout.mask(0, 2), layout.mask(1, 2), layout.mask(0, 1, 2), layout.mask(2), layout.mask(0), 0L};
    }

    private static long[] codes(CodeStream c, long[] masks) {
        SplittableRandom random = new SplittableRandom(c.seed());
        long all = masks[2];
        long usedMask = c.bitsUsed() >= 63 ? -1L : (1L << c.bitsUsed()) - 1;
        long[] codes = new long[c.length()];
        for (int t = 0; t < codes.length; t++) {
            codes[t] = random.nextLong() & all & (random.nextBoolean() ? usedMask : -1L);
        }
        return codes;
    }

    @Test
    void cumulativeCountingTablesEqualWeightedTablesAndABatchCountBitForBitAfterEveryEvent() {
        qt(150).forAll(codeStreams()).checkAssert(c -> {
            long[] masks = masks(c);
            long[] codes = codes(c, masks);
            JointTables counting = JointTables.forWindow(Window.cumulative(), masks);
            JointTables weighted = JointTables.weighted(masks);
            assertThat(counting).isInstanceOf(CountingJointTables.class);
            EventWindow window = EventWindow.of(Window.cumulative());
            JointTablesListener listener = new JointTablesListener(counting);
            JointTables batch = JointTables.counting(codes.length, masks);
            for (int t = 0; t < codes.length; t++) {
                window.offer(t, codes[t], listener);
                listener.flush();
                weighted.add(codes[t], 1.0);
                assertSameState(counting, weighted, masks.length);
                assertSameLocalValues(counting, weighted, codes[t], codes[(int) (Math.abs(codes[t]) % (t + 1))], masks.length);
                batch.clear();
                for (int i = 0; i <= t; i++) {
                    batch.add(codes[i], 1.0);
                }
                assertSameState(counting, batch, masks.length);
            }
        });
    }

    @Test
    void cumulativeTablesRestoredFromTheirOwnOrTheWeightedStateContinueBitIdentically() {
        qt(150).forAll(codeStreams()).checkAssert(c -> {
            long[] masks = masks(c);
            long[] codes = codes(c, masks);
            int cut = Math.min(c.cut(), codes.length);
            JointTables original = JointTables.cumulative(masks);
            JointTables weighted = JointTables.weighted(masks);
            for (int t = 0; t < cut; t++) {
                original.add(codes[t], 1.0);
                weighted.add(codes[t], 1.0);
            }
            byte[] state = stateOf(original);
            JointTables restored = JointTables.cumulative(masks);
            restored.readState(new StateReader(state));
            JointTables fromWeighted = JointTables.cumulative(masks);
            fromWeighted.readState(new StateReader(stateOf(weighted)));  // a checkpoint written before December 2026
            assertThat(stateOf(restored)).isEqualTo(state);
            assertThat(stateOf(fromWeighted)).isEqualTo(state);
            for (int t = cut; t < codes.length; t++) {
                original.add(codes[t], 1.0);
                weighted.add(codes[t], 1.0);
                restored.add(codes[t], 1.0);
                fromWeighted.add(codes[t], 1.0);
                assertSameState(restored, original, masks.length);
                assertSameState(fromWeighted, weighted, masks.length);
                assertSameLocalValues(restored, original, codes[t], codes[t / 2], masks.length);
                assertSameLocalValues(fromWeighted, weighted, codes[t], codes[t / 2], masks.length);
            }
            assertThat(stateOf(restored)).isEqualTo(stateOf(original));
        });
    }

    @Test
    void shouldKeepTheWeightedHistogramsBitsForCountsPastTheTablePast16BitsAndPast31Bits() {
        long[] starts = {(1 << 20) - 5, 65_530, Integer.MAX_VALUE - 3L, 1L << 40};
        for (long start : starts) {
            CountHistogram growing = CountHistogram.denseGrowing(8);
            CountHistogram sparse = CountHistogram.sparse();
            Histogram dense = new DenseHistogram(8, Double.NaN, false);
            Histogram hashed = new SparseHistogram(Double.NaN, false);
            for (int key = 0; key < 3; key++) {
                long n = start + key;
                growing.add(key, n);
                sparse.add(key * 1_000_003L, n);
                dense.add(key, (double) n);
                hashed.add(key * 1_000_003L, (double) n);
            }
            for (int step = 0; step < 20; step++) {
                int key = step % 3;
                long up = growing.increment(key);
                assertThat(sparse.increment(key * 1_000_003L)).isEqualTo(up);
                assertThat(dense.add(key, 1.0)).isEqualTo((double) up);
                hashed.add(key * 1_000_003L, 1.0);
                if (step % 4 == 3) {
                    long down = growing.decrement(key);
                    sparse.decrement(key * 1_000_003L);
                    assertThat(dense.remove(key, 1.0)).isEqualTo((double) down);
                    hashed.remove(key * 1_000_003L, 1.0);
                }
                assertThat(growing.exactSumCLnC()).as("start %d step %d", start, step).isEqualTo(dense.exactSumWLnW());
                assertThat(sparse.exactSumCLnC()).isEqualTo(hashed.exactSumWLnW());
                assertThat(growing.lnCount(growing.count(key))).isEqualTo(Histogram.ln(dense.weight(key)));
            }
            StateWriter out = new StateWriter();
            growing.writeState(out);
            CountHistogram restored = CountHistogram.denseGrowing(8);
            restored.readState(new StateReader(out.toByteArray()));
            assertThat(restored.exactSumCLnC()).isEqualTo(growing.exactSumCLnC());
            assertThat(restored.count(2)).isEqualTo(growing.count(2));
        }
    }

    @Test
    void shouldWidenAGrowingDenseTableFromTwoToFourToEightBytesACount() {
        CountHistogram growing = CountHistogram.denseGrowing(4);
        Histogram reference = new DenseHistogram(4, Double.NaN, false);
        for (int i = 0; i < 65_540; i++) {
            growing.increment(1);
            reference.add(1, 1.0);
        }
        assertThat(growing.count(1)).isEqualTo(65_540);
        growing.add(2, Integer.MAX_VALUE);
        reference.add(2, Integer.MAX_VALUE);
        growing.increment(2);
        reference.add(2, 1.0);
        assertThat(growing.count(2)).isEqualTo(Integer.MAX_VALUE + 1L);
        assertThat(growing.count(1)).isEqualTo(65_540);
        assertThat(growing.support()).isEqualTo(2);
        assertThat(growing.exactSumCLnC()).isEqualTo(reference.exactSumWLnW());
    }

    @Test
    void shouldRefuseAStateOfFractionalWeightsAndSamplesPastTheExactBound() {
        JointTables decayed = JointTables.weighted(1, 2);
        decayed.add(1, 0.5);
        assertThatThrownBy(() -> JointTables.cumulative(1, 2).readState(new StateReader(stateOf(decayed))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole");
        JointTables huge = JointTables.weighted(1, 2);
        huge.add(3, 0x1p53);
        JointTables full = JointTables.cumulative(1, 2);
        full.readState(new StateReader(stateOf(huge)));
        assertThat(full.totalWeight()).isEqualTo(0x1p53);
        assertThatThrownBy(() -> full.add(3, 1.0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("2^53");
    }

    private static byte[] stateOf(JointTables tables) {
        StateWriter out = new StateWriter();
        tables.writeState(out);
        return out.toByteArray();
    }

    private static void assertSameLocalValues(JointTables actual, JointTables expected, long code, long other, int tables) {
        assertThat(bits(actual.localConditionalMutualInformationNats(code)))
                .isEqualTo(bits(expected.localConditionalMutualInformationNats(code)));
        for (int i = 0; i < tables; i++) {
            assertThat(actual.weight(i, other)).isEqualTo(expected.weight(i, other));
            assertThat(bits(actual.localNats(i, other))).isEqualTo(bits(expected.localNats(i, other)));
            assertThat(bits(actual.entropyNats(i))).isEqualTo(bits(expected.entropyNats(i)));
        }
    }

    private static void assertSameState(JointTables actual, JointTables expected, int tables) {
        JointTables.Sums a = actual.sums();
        JointTables.Sums e = expected.sums();
        assertThat(a.totalWeight()).isEqualTo(e.totalWeight());
        for (int i = 0; i < tables; i++) {
            assertThat(bits(a.sumWLnW()[i])).as("sum of table %d", i).isEqualTo(bits(e.sumWLnW()[i]));
            assertThat(actual.support(i)).as("support of table %d", i).isEqualTo(expected.support(i));
        }
        assertThat(bits(actual.conditionalMutualInformationNats())).isEqualTo(bits(expected.conditionalMutualInformationNats()));
    }

    private static long bits(double x) {
        return Double.doubleToRawLongBits(x);
    }
}
