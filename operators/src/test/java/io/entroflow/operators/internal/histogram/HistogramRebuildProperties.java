package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.BatchEntropy;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;
import io.entroflow.operators.internal.window.WindowListener;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.List;

import static io.entroflow.operators.Theories.bools;
import static io.entroflow.operators.Theories.decimals;
import static io.entroflow.operators.Theories.ints;
import static io.entroflow.operators.Theories.qt;
import static io.entroflow.operators.Theories.seeds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A histogram rebuilt from its window's contents (what a restart does) holds bit-identical sums
 * to one that saw the whole stream incrementally.
 */
class HistogramRebuildProperties {

    @Test
    void rebuiltStateIsBitIdenticalToTheIncrementalOne() {
        qt(200).forAll(streams()).checkAssert(s -> rebuiltStateIsBitIdenticalToTheIncrementalOne(
                s.window(), s.alphabet(), s.length(), s.exponent(), s.sparse(), s.seed()));
    }

    /** Count windows of 1..200 over 1..500 symbols, 1..2000 events, power-sum exponents 0.1..4 (2 and 1 as edges). */
    private record Stream(int window, int alphabet, int length, double exponent, boolean sparse, long seed) {
    }

    private static Gen<Stream> streams() {
        Gen<Integer> windows = ints(1, 200);
        Gen<Integer> alphabets = ints(1, 500);
        Gen<Integer> lengths = ints(1, 2000);
        Gen<Double> exponents = decimals(0.1, 4, 1.0, 2.0);
        Gen<Boolean> sparse = bools();
        Gen<Long> seeds = seeds();
        return in -> new Stream(windows.generate(in), alphabets.generate(in), lengths.generate(in),
                exponents.generate(in), sparse.generate(in), seeds.generate(in));
    }

    private static void rebuiltStateIsBitIdenticalToTheIncrementalOne(int window, int alphabet, int length, double exponent,
                                                                      boolean sparse, long seed) {
        Window spec = Window.count(window);
        Histogram incremental = sparse ? new SparseHistogram(exponent, true) : new DenseHistogram(alphabet, exponent, true);
        EventWindow events = EventWindow.of(spec);
        WindowListener listener = new HistogramWindowListener(incremental);
        List<BatchEntropy.Event> stream = TestStreams.events(spec, alphabet, length, seed);
        for (BatchEntropy.Event e : stream) {
            events.offer(e.time(), e.symbol(), listener);
        }
        Histogram rebuilt = incremental.emptyCopy();
        for (int i = Math.max(0, stream.size() - window); i < stream.size(); i++) {
            rebuilt.add(stream.get(i).symbol(), 1.0);
        }
        assertThat(rebuilt.exactSumWLnW()).isEqualTo(incremental.exactSumWLnW());
        assertThat(Double.doubleToRawLongBits(rebuilt.powerSum())).isEqualTo(Double.doubleToRawLongBits(incremental.powerSum()));
        assertThat(rebuilt.totalWeight()).isEqualTo(incremental.totalWeight());
        assertThat(rebuilt.support()).isEqualTo(incremental.support());
        assertThat(rebuilt.maxWeight()).isEqualTo(incremental.maxWeight());
    }
}
