package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart from state for every operator family registered after the entropy family: a processor that
 * loses its in-memory operators at arbitrary points (rebuilt from the chunked journal) must emit
 * aggregates bit-identical to an uninterrupted one. The count windows are chosen so that journal
 * chunk boundaries fall both inside and exactly at the window's start (64 = one chunk). Operators over
 * decay and cumulative windows are rebuilt from their last checkpoint and the journal tail since.
 */
class RegisteredOperatorsRestartTest {
    private static final int EVENTS = 2_500;
    private static final String HMM_MODEL = "{initial: [0.5, 0.5], transition: [[0.95, 0.05], [0.05, 0.95]],"
            + " emission: {type: gaussian, means: [0, 3], variances: [1, 1]}}";

    /** Signals: a, b, c categorical over 4 symbols (indices 0..2), v raw numeric (index 3). */
    private static PlannedOperator operator(String operatorYaml) {
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", """
                monitor: m
                input: {topics: [events], lateness: 500ms}
                signals:
                  - {name: a, kind: categorical, field: /a, values: ["0", "1", "2", "3"]}
                  - {name: b, kind: categorical, field: /b, values: ["0", "1", "2", "3"]}
                  - {name: c, kind: categorical, field: /c, values: ["0", "1", "2", "3"]}
                  - {name: v, kind: numeric, field: /v}
                operators: [%s]
                aggregates: {interval: 1s}
                """.formatted(operatorYaml)));
        return plan.operators().get(0);
    }

    private record Event(String key, long time, long[] values) {
    }

    /** Two keys; b copies the previous a half of the time, c is noise, v switches between two levels. */
    private static List<Event> events(long seed) {
        Random r = new Random(seed);
        List<Event> list = new ArrayList<>();
        long t = 0;
        int[] previousA = new int[2];
        for (int i = 0; i < EVENTS; i++) {
            t += r.nextInt(40);
            int k = r.nextBoolean() ? 0 : 1;
            int a = r.nextInt(4);
            int b = r.nextBoolean() ? previousA[k] : r.nextInt(4);
            previousA[k] = a;
            double v = ((i / 300) % 2 == 0 ? 0 : 3) + r.nextGaussian();
            list.add(new Event("k" + k, t, new long[] {a, b, r.nextInt(4), Double.doubleToRawLongBits(v)}));
        }
        return list;
    }

    private static final class Harness {
        final PlannedOperator op;
        final KeyValueStore<String, byte[]> store;
        final List<AggregateRecord> out = new ArrayList<>();
        MockProcessorContext<String, AggregateRecord> context;
        OperatorProcessor processor;

        Harness(PlannedOperator op) {
            this.op = op;
            this.store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"), Serdes.String(),
                    Serdes.ByteArray()).withLoggingDisabled().build();
            restart();
            store.init(context.getStateStoreContext(), store);
        }

        void restart() {
            if (context != null) {
                context.forwarded().forEach(f -> out.add(f.record().value()));
            }
            context = new MockProcessorContext<>();
            context.addStateStore(store);
            processor = new OperatorProcessor("m", op, "s", 1_000, 500, 0);
            processor.init(context);
        }

        void send(Event e, long offset) {
            context.setRecordMetadata("events", 0, offset);
            processor.process(new Record<>(e.key, new SignalEvent(e.key, e.time, e.values, 0xFL, "events", 0, offset),
                    e.time));
        }

        List<AggregateRecord> finish() {
            context.forwarded().forEach(f -> out.add(f.record().value()));
            context.resetForwards();
            return out;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{name: o, type: mutual-info, signals: [a, b], window: {count: 100}}",
        "{name: o, type: mutual-info, signals: [a, b], window: {time: 2s}}",
        "{name: o, type: normalized-mutual-info, signals: [a, b, c], window: {count: 64}}",
        "{name: o, type: conditional-entropy, signals: [a, b], window: {count: 100}}",
        "{name: o, type: entropic-distance, signals: [a, b], window: {time: 3s}}",
        "{name: o, type: transfer-entropy, signals: [a, b], window: {count: 129}}",
        "{name: o, type: transfer-entropy, signals: [a, b], window: {count: 64}, params: {k: 2, l: 2, delay: 1}}",
        "{name: o, type: transfer-entropy, signals: [a, b], window: {count: 200}, params: {k: 1, l: 1, delay: 3}}",
        "{name: o, type: conditional-transfer-entropy, signals: [a, b, c], window: {count: 150}, params: {condition-k: 2}}",
        "{name: o, type: entropy-rate, signal: a, window: {count: 65}, params: {k: 2}}",
        "{name: o, type: active-info, signal: b, window: {count: 100}, params: {k: 3}}",
        "{name: o, type: permutation-entropy, signal: v, window: {count: 130}, params: {dimension: 4, tau: 2}}",
        "{name: o, type: permutation-entropy, signal: v, window: {count: 100}, params: {weighted: true}}",
        "{name: o, type: complexity, signal: v, window: {count: 64}, params: {dimension: 3}}",
        "{name: o, type: hmm, signal: v, window: {count: 40}, params: {model: " + HMM_MODEL + "}}",
        "{name: o, type: hmm, signal: v, window: {count: 64}, params: {value: posterior-entropy, model: " + HMM_MODEL + "}}",
        // decay and cumulative windows: checkpoint + journal tail
        "{name: o, type: entropy, signal: a, window: {decay: {half-life: 50}}}",
        "{name: o, type: renyi, signal: a, window: {decay: {half-life: 3}}, params: {alpha: 2}}",
        "{name: o, type: entropy, signal: a, window: {decay: {half-life: 2s}}, params: {miller-madow: true}}",
        "{name: o, type: tsallis, signal: b, window: {cumulative: true}, params: {q: 1.5}}",
        "{name: o, type: divergence, signal: a, window: {decay: {half-life: 100}}, params: {reference: [1, 2, 3, 0]}}",
        "{name: o, type: mutual-info, signals: [a, b], window: {decay: {half-life: 500ms}}}",
        "{name: o, type: normalized-mutual-info, signals: [a, b, c], window: {cumulative: true}}",
        "{name: o, type: transfer-entropy, signals: [a, b], window: {decay: {half-life: 200}}, params: {k: 2}}",
        "{name: o, type: conditional-transfer-entropy, signals: [a, b, c], window: {cumulative: true}}",
        "{name: o, type: entropy-rate, signal: a, window: {decay: {half-life: 1s}}, params: {k: 2}}",
        "{name: o, type: active-info, signal: b, window: {cumulative: true}, params: {k: 3}}",
        "{name: o, type: permutation-entropy, signal: v, window: {decay: {half-life: 300}}, params: {dimension: 4}}",
        "{name: o, type: complexity, signal: v, window: {cumulative: true}, params: {tau: 2, weighted: true}}",
        "{name: o, type: hmm, signal: v, params: {model: " + HMM_MODEL + "}}",
        "{name: o, type: hmm, signal: v, window: {cumulative: true}, params: {value: posterior-entropy, model: "
                + HMM_MODEL + "}}",
    })
    void shouldEmitBitIdenticalAggregatesAfterRestartsAtArbitraryPoints(String operatorYaml) {
        PlannedOperator op = operator(operatorYaml);
        List<Event> events = events(operatorYaml.hashCode());
        Harness uninterrupted = new Harness(op);
        Harness restarted = new Harness(op);
        Random cut = new Random(operatorYaml.length());
        for (int i = 0; i < events.size(); i++) {
            uninterrupted.send(events.get(i), i);
            restarted.send(events.get(i), i);
            if (cut.nextInt(8) == 0) {
                restarted.restart();
            }
        }
        List<AggregateRecord> a = uninterrupted.finish();
        List<AggregateRecord> b = restarted.finish();
        assertThat(a).hasSizeGreaterThan(20);
        assertThat(a).anySatisfy(r -> assertThat(r.value()).isFinite().isNotZero());
        assertThat(b).isEqualTo(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{name: o, type: entropy, signal: a, window: {cumulative: true}}",
        "{name: o, type: hmm, signal: v, params: {model: " + HMM_MODEL + "}}",
    })
    void shouldKeepOnlyACheckpointAndTheCurrentChunkPerKeyForHistoryWideWindows(String operatorYaml) {
        Harness h = new Harness(operator(operatorYaml));
        List<Event> events = events(7);
        for (int i = 0; i < events.size(); i++) {
            h.send(events.get(i), i);
        }
        List<String> keys = new ArrayList<>();
        try (var it = h.store.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        // per key: meta, checkpoint, one chunk and its due-index entry; plus the task's high-water mark,
        // live-key count and due-index marker
        assertThat(keys).hasSize(2 * 4 + 3).contains(Journal.HIGH_WATER_KEY, Journal.LIVE_KEYS_KEY, Journal.INDEXED_KEY);
        assertThat(keys).contains(Journal.checkpointKey("k0"), Journal.checkpointKey("k1"));
    }
}
