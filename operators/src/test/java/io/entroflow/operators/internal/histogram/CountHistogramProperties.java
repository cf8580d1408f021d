package io.entroflow.operators.internal.histogram;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dense and hashed {@link CountHistogram}s hold the same counts and bit-identical &Sigma; c ln c as a
 * {@link Histogram} of the same data, after any sequence of unit changes, and as one rebuilt from
 * the surviving keys.
 */
class CountHistogramProperties {

    @Test
    void countsAndSumsEqualAWeightedHistogramAndARebuild() {
        qt(200).forAll(changeSequences()).checkAssert(c -> countsAndSumsEqualAWeightedHistogramAndARebuild(
                c.keys(), c.changes(), c.removePercent(), c.narrow(), c.seed()));
    }

    /** 1..5000 keys, 1..12,000 unit changes, 0..100 % of them removals, two- or four-byte dense counts. */
    private record ChangeSequence(int keys, int changes, int removePercent, boolean narrow, long seed) {
    }

    private static Gen<ChangeSequence> changeSequences() {
        return ints(1, 5000).zip(ints(1, 12_000), ints(0, 100), bools(), seeds(), ChangeSequence::new);
    }

    private static void countsAndSumsEqualAWeightedHistogramAndARebuild(int keys, int changes, int removePercent,
                                                                        boolean narrow, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CountHistogram dense = CountHistogram.dense(keys, narrow ? Character.MAX_VALUE : Integer.MAX_VALUE);
        CountHistogram sparse = CountHistogram.sparse();
        Histogram reference = new SparseHistogram(Double.NaN, false);
        List<Integer> live = new ArrayList<>();
        for (int c = 0; c < changes; c++) {
            if (!live.isEmpty() && random.nextInt(100) < removePercent) {
                int key = live.remove(random.nextInt(live.size()));
                long after = dense.decrement(key);
                assertThat(sparse.decrement(key)).isEqualTo(after);
                assertThat(reference.remove(key, 1.0)).isEqualTo(after);
            } else {
                int key = random.nextInt(keys);
                live.add(key);
                long after = dense.increment(key);
                assertThat(sparse.increment(key)).isEqualTo(after);
                assertThat(reference.add(key, 1.0)).isEqualTo(after);
            }
            assertThat(sparse.exactSumCLnC()).isEqualTo(reference.exactSumWLnW());
            assertThat(dense.exactSumCLnC()).isEqualTo(reference.exactSumWLnW());
            assertThat(sparse.support()).isEqualTo(reference.support()).isEqualTo(dense.support());
        }
        for (int key = 0; key < keys; key++) {
            assertThat(sparse.count(key)).isEqualTo(dense.count(key)).isEqualTo((int) reference.weight(key));
        }
        CountHistogram rebuilt = CountHistogram.sparse();
        for (int key : live) {
            rebuilt.increment(key);
        }
        assertThat(rebuilt.exactSumCLnC()).isEqualTo(sparse.exactSumCLnC());
        assertThat(Double.doubleToRawLongBits(rebuilt.sumCLnC())).isEqualTo(Double.doubleToRawLongBits(dense.sumCLnC()));
    }

    @Test
    void shouldRefuseToDecrementAKeyThatIsNotCounted() {
        CountHistogram sparse = CountHistogram.sparse();
        sparse.increment(7);
        assertThatThrownBy(() -> sparse.decrement(8)).isInstanceOf(IllegalStateException.class).hasMessageContaining("key 8");
        assertThatThrownBy(() -> CountHistogram.dense(4, 10).decrement(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> CountHistogram.dense(0, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity");
    }

    @Test
    void shouldRefuseToCountPastWhatATwoByteCountHolds() {
        CountHistogram narrow = CountHistogram.dense(2, Character.MAX_VALUE);
        for (int i = 0; i < Character.MAX_VALUE; i++) {
            narrow.increment(1);
        }
        assertThat(narrow.count(1)).isEqualTo(65_535);
        assertThatThrownBy(() -> narrow.increment(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("65535");
        assertThat(CountHistogram.dense(2, 65_536).increment(1)).isEqualTo(1);
    }

    @Test
    void shouldForgetEverythingOnClear() {
        CountHistogram sparse = CountHistogram.sparse();
        for (int k = 0; k < 100; k++) {
            sparse.increment(k * 1_000_003L);
        }
        sparse.clear();
        assertThat(sparse.support()).isZero();
        assertThat(sparse.count(0)).isZero();
        assertThat(sparse.exactSumCLnC().isZero()).isTrue();
        assertThat(sparse.increment(5)).isEqualTo(1);
    }

    @Test
    void shouldSizeAFullHashTableAtTwoSlotsPerKeyRoundedToAPowerOfTwo() {
        assertThat(CountHistogram.sparseBytes(10_000)).isEqualTo(16L * 32_768);
        assertThat(CountHistogram.sparseBytes(8)).isEqualTo(16L * 16);
        assertThat(CountHistogram.sparseBytes(0)).isEqualTo(16L * 16);
    }
}
