package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.stream.OperatorProcessorRestartTest.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task whose stream time runs ahead of an operator's events: when the key comes from a field, the
 * task reads the input partition beside the re-key partition, the input reaches an interval boundary
 * first, and the STREAM_TIME punctuation for it finds the boundary not yet reached by the operator. The
 * operator's first event past the boundary then catches the quiet keys up at once, not one interval later.
 */
class StreamTimeAheadTest {
    private static final long INTERVAL = 1_000; // the harness's spec: aggregates.interval 1s

    private static List<String> keysAt(Harness h, long boundary) {
        return h.context.forwarded().stream().map(f -> f.record().value())
                .filter(a -> a.time() == boundary && AggregateRecord.INTERVAL.equals(a.trigger()))
                .map(AggregateRecord::key).sorted().toList();
    }

    @Test
    void theFirstEventPastABoundaryTheStreamTimeReachedFirstEmitsEveryDueKey() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{count: 16}");
        for (boolean everyInterval : new boolean[] {false, true}) {
            Harness h = new Harness(op, 0, everyInterval, 10_000);
            h.send("k1", 100, 1, 0);
            h.send("k2", 200, 2, 1);
            h.send("k3", 300, 3, 2);
            h.punctuate(); // after the operator's last event: a pass at interval 0
            h.punctuate(INTERVAL + 50); // the input partition crossed 1 s: nothing here has
            assertThat(keysAt(h, INTERVAL)).isEmpty();

            h.send("k1", INTERVAL + 10, 1, 3);
            assertThat(keysAt(h, INTERVAL)).as("every=%s", everyInterval).containsExactly("k1", "k2", "k3");

            h.punctuate(2 * INTERVAL - 1); // the same boundary again: nothing more
            assertThat(keysAt(h, INTERVAL)).hasSize(3);
        }
    }

    @Test
    void whereTheOperatorsEventsSetTheStreamTimeTheQuietKeysWaitForThePunctuation() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{count: 16}");
        Harness h = new Harness(op, 0, false, 10_000);
        h.send("k1", 100, 1, 0);
        h.send("k2", 200, 2, 1);
        h.punctuate();
        h.send("k1", INTERVAL + 10, 1, 2); // the punctuation for 1 s comes after this record
        assertThat(keysAt(h, INTERVAL)).containsExactly("k1");
        h.punctuate();
        assertThat(keysAt(h, INTERVAL)).containsExactly("k1", "k2");
    }

    @Test
    void aSecondPunctuationAtABoundaryAlreadyCaughtUpReadsNoKey() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{count: 16}");
        Harness h = new Harness(op, 0, false, 10_000);
        for (int i = 0; i < 20; i++) {
            h.send("k" + i, 10 * i, i % 4, i);
        }
        h.send("k0", INTERVAL + 10, 1, 20);
        h.punctuate();
        long touched = h.processor.keysTouchedByPunctuator();
        assertThat(touched).isPositive();
        h.punctuate(INTERVAL + 900);
        assertThat(h.processor.keysTouchedByPunctuator()).isEqualTo(touched);
    }
}
