package io.entroflow.operators.internal.joint;

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
 * Counting tables (dense or hashed, whatever the mask width and window size choose) hold exactly
 * what weighted tables hold on a count window, bit for bit, after every event; and tables
 * rebuilt from the window's contents (a restart) equal the incremental ones bit for bit.
 */
class JointTablesProperties {

    @Test
    void countingTablesEqualWeightedTablesBitForBitAfterEveryEvent() {
        qt(150).forAll(codeStreams()).checkAssert(c -> countingTablesEqualWeightedTablesBitForBitAfterEveryEvent(
                c.bitsA(), c.bitsB(), c.bitsC(), c.windowSize(), c.length(), c.bitsUsed(), c.seed()));
    }

    /** Variables of 1..8, 0..10 and 1..8 bits, count windows of 1..400, 1..600 events over the low 1..16 bits or all. */
    private record CodeStream(int bitsA, int bitsB, int bitsC, int windowSize, int length, int bitsUsed, long seed) {
    }

    private static Gen<CodeStream> codeStreams() {
        Gen<Integer> bitsA = ints(1, 8);
        Gen<Integer> bitsB = ints(0, 10);
        Gen<Integer> bitsC = ints(1, 8);
        Gen<Integer> windowSizes = ints(1, 400);
        Gen<Integer> lengths = ints(1, 600);
        Gen<Integer> bitsUsed = ints(1, 16);
        Gen<Long> seeds = seeds();
        return in -> new CodeStream(bitsA.generate(in), bitsB.generate(in), bitsC.generate(in), windowSizes.generate(in),
                lengths.generate(in), bitsUsed.generate(in), seeds.generate(in));
    }

    private static void countingTablesEqualWeightedTablesBitForBitAfterEveryEvent(int bitsA, int bitsB, int bitsC,
                                                                                 int windowSize, int length,
                                                                                 int bitsUsed, long seed) {
        JointCodeLayout layout = new JointCodeLayout(new String[] {"a", "b", "c"}, new int[] {1 << bitsA, 1 << Math.max(1, bitsB), 1 << bitsC},
                new int[] {1, bitsB == 0 ? 0 : 1, 1});
        // the (A,C) table is non-contiguous whenever B has bits: always hashed
        long[] masks = {layout.mask(0, 2), layout.mask(1, 2), layout.mask(0, 1, 2), layout.mask(2), layout.mask(0)};
        Window window = Window.count(windowSize);
        JointTables counting = JointTables.forWindow(window, masks);
        JointTables weighted = JointTables.weighted(masks);
        assertThat(counting).isInstanceOf(CountingJointTables.class);
        EventWindow countingWindow = EventWindow.of(window);
        EventWindow weightedWindow = EventWindow.of(window);
        JointTablesListener countingListener = new JointTablesListener(counting);
        JointTablesListener weightedListener = new JointTablesListener(weighted);
        SplittableRandom random = new SplittableRandom(seed);
        long usedMask = (1L << Math.min(bitsUsed, layout.totalBits())) - 1;  // fewer distinct codes: repeats and shared keys
        long[] codes = new long[length];
        for (int t = 0; t < length; t++) {
            long code = random.nextLong() & ((1L << layout.totalBits()) - 1) & (random.nextBoolean() ? usedMask : -1L);
            codes[t] = code;
            countingWindow.offer(t, code, countingListener);
            countingListener.flush();
            weightedWindow.offer(t, code, weightedListener);
            weightedListener.flush();
            assertSameState(counting, weighted, masks.length);
            assertThat(bits(counting.localConditionalMutualInformationNats(code)))
                    .isEqualTo(bits(weighted.localConditionalMutualInformationNats(code)));
            long other = codes[random.nextInt(t + 1)];
            for (int i = 0; i < masks.length; i++) {
                assertThat(counting.weight(i, other)).isEqualTo(weighted.weight(i, other));
                assertThat(bits(counting.localNats(i, other))).isEqualTo(bits(weighted.localNats(i, other)));
            }
        }
        JointTables rebuilt = JointTables.forWindow(window, masks);
        for (int t = Math.max(0, length - windowSize); t < length; t++) {
            rebuilt.add(codes[t], 1.0);
        }
        assertSameState(rebuilt, counting, masks.length);
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

    @Test
    void shouldStoreWideTablesDenselyOnlyWhileTheyCostAtMostTwiceAFullHashTable() {
        assertThat(CountingJointTables.dense(12, 1)).isTrue();
        assertThat(CountingJointTables.dense(18, 10_000)).isTrue();   // 512 KiB of chars against 512 KiB hashed
        assertThat(CountingJointTables.dense(19, 10_000)).isTrue();   // 1 MiB
        assertThat(CountingJointTables.dense(20, 10_000)).isFalse();  // 2 MiB
        assertThat(CountingJointTables.dense(18, 1_000)).isFalse();   // against 32 KiB hashed
        assertThat(CountingJointTables.dense(20, 100_000)).isTrue();  // 4 MiB of ints against 4 MiB hashed
        assertThat(CountingJointTables.dense(40, Integer.MAX_VALUE)).isFalse();
    }

    @Test
    void shouldPickCountingTablesForCountAndCumulativeWindowsOnly() {
        assertThat(JointTables.forWindow(Window.count(5), 1, 2)).isInstanceOf(CountingJointTables.class);
        assertThat(JointTables.forWindow(Window.cumulative(), 1, 2)).isInstanceOf(CountingJointTables.class);
        assertThat(JointTables.forWindow(Window.decayEvents(10), 1, 2)).isInstanceOf(WeightedJointTables.class);
    }

    @Test
    void shouldRefuseWeightsOtherThanOneAndSamplesBeyondTheBoundInCountingTables() {
        JointTables counting = JointTables.counting(1, 1, 2);
        assertThatThrownBy(() -> counting.add(1, 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> counting.rescale(0.5)).isInstanceOf(IllegalStateException.class);
        counting.add(3, 1.0);
        assertThatThrownBy(() -> counting.add(3, 1.0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 1");
    }
}
