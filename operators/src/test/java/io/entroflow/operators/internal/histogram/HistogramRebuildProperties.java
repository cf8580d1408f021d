package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.BatchEntropy;
import io.entroflow.operators.TestStreams;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;
import io.entroflow.operators.internal.window.WindowListener;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A histogram rebuilt from its window's contents (what a restart does) holds bit-identical sums
 * to one that saw the whole stream incrementally.
 */
class HistogramRebuildProperties {

    @Property(tries = 200)
    void rebuiltStateIsBitIdenticalToTheIncrementalOne(@ForAll @IntRange(min = 1, max = 200) int window,
                                                       @ForAll @IntRange(min = 1, max = 500) int alphabet,
                                                       @ForAll @IntRange(min = 1, max = 2000) int length,
                                                       @ForAll @DoubleRange(min = 0.1, max = 4) double exponent,
                                                       @ForAll boolean sparse,
                                                       @ForAll long seed) {
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
