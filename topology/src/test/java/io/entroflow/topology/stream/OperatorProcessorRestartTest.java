package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restart from state: an operator processor that loses its in-memory operators at an arbitrary
 * point (a new instance on the same store, as after a crash or rebalance) must emit aggregates
 * bit-identical to an uninterrupted one, and those must equal a batch recomputation over the window.
 */
class OperatorProcessorRestartTest {
    private static final int EVENTS = 3_000;

    static PlannedOperator operator(String window) {
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("t", MonitorSpecLoader.parse("t", """
                monitor: m
                input: {topics: [events], lateness: 500ms}
                signals: [{name: s, kind: categorical, field: /s, values: [a, b, c, d, e, f, g, h]}]
                operators: [{name: h, type: entropy, signal: s, window: %s}]
                aggregates: {interval: 1s}
                """.formatted(window)));
        return plan.operators().get(0);
    }

    /** One operator processor on an in-memory store, with a mock context; restartable. */
    static final class Harness {
        final PlannedOperator op;
        final long expireAfter;
        final boolean everyInterval;
        final int cacheKeys;
        final int sliceKeys;
        final KeyValueStore<String, byte[]> store;
        final List<AggregateRecord> out = new ArrayList<>();
        MockProcessorContext<String, AggregateRecord> context;
        OperatorProcessor processor;
        /** The latest event time sent: the stream time of a task whose only partition feeds this operator. */
        long streamTime;

        Harness(PlannedOperator op) {
            this(op, 0);
        }

        Harness(PlannedOperator op, long expireAfter) {
            this(op, expireAfter, true, io.entroflow.schemas.spec.MonitorSpec.Aggregates.DEFAULT_CACHE_KEYS);
        }

        /** @param everyInterval {@code aggregates.emit: every-interval}, else on change; @param cacheKeys live operators in memory */
        Harness(PlannedOperator op, long expireAfter, boolean everyInterval, int cacheKeys) {
            this(op, expireAfter, everyInterval, cacheKeys, EmissionPolicy.SLICE_KEYS);
        }

        /** @param sliceKeys due keys one punctuation catches up at most */
        Harness(PlannedOperator op, long expireAfter, boolean everyInterval, int cacheKeys, int sliceKeys) {
            this(op, expireAfter, everyInterval, cacheKeys, sliceKeys, Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore("s"), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        }

        /** @param store the processor's store, named "s" (not initialised yet) */
        Harness(PlannedOperator op, long expireAfter, boolean everyInterval, int cacheKeys,
                KeyValueStore<String, byte[]> store) {
            this(op, expireAfter, everyInterval, cacheKeys, EmissionPolicy.SLICE_KEYS, store);
        }

        /** @param sliceKeys due keys one punctuation catches up at most; @param store as above */
        Harness(PlannedOperator op, long expireAfter, boolean everyInterval, int cacheKeys, int sliceKeys,
                KeyValueStore<String, byte[]> store) {
            this.sliceKeys = sliceKeys;
            this.op = op;
            this.expireAfter = expireAfter;
            this.everyInterval = everyInterval;
            this.cacheKeys = cacheKeys;
            this.store = store;
            restart();
            store.init(context.getStateStoreContext(), store);
        }

        /** A fresh processor instance and context on the same store: nothing survives but the store. */
        void restart() {
            if (context != null) {
                context.forwarded().forEach(f -> out.add(f.record().value()));
            }
            context = new MockProcessorContext<>();
            context.addStateStore(store);
            processor = new OperatorProcessor("m", op, "s", 1_000, 500, expireAfter, everyInterval, cacheKeys,
                    sliceKeys, new MonitorCounters(), null);
            processor.init(context);
        }

        void send(String key, long time, int symbol, long offset) {
            streamTime = Math.max(streamTime, time);
            context.setRecordMetadata("events", 0, offset);
            processor.process(new Record<>(key, new SignalEvent(key, time, new long[] {symbol}, 1L, "events", 0, offset), time));
        }

        /** Runs the STREAM_TIME punctuator the processor scheduled, as Kafka Streams would after some record. */
        void punctuate() {
            punctuate(streamTime);
        }

        /**
         * Runs the STREAM_TIME punctuator at {@code time}: later than the events sent so far when the task's
         * stream time runs ahead of this operator's events (another partition of the task, as the input
         * partition beside the re-key partition).
         */
        void punctuate(long time) {
            var punctuators = context.scheduledPunctuators().stream()
                    .filter(p -> p.getType() == org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME).toList();
            assertThat(punctuators).hasSize(1);
            punctuators.get(0).getPunctuator().punctuate(time);
        }

        /** Runs the WALL_CLOCK punctuators (the next slice of due keys, the live-key count), as between record batches. */
        void wallClock() {
            context.scheduledPunctuators().stream()
                    .filter(p -> p.getType() == org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME)
                    .forEach(p -> p.getPunctuator().punctuate(0L));
        }

        List<AggregateRecord> finish() {
            context.forwarded().forEach(f -> out.add(f.record().value()));
            context.resetForwards();
            return out;
        }

        int chunks() {
            int n = 0;
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> kv = it.next();
                    n += kv.key.contains("\u0000c") ? 1 : 0;
                }
            }
            return n;
        }
    }

    record Event(String key, long time, int symbol) {
    }

    static List<Event> events(long seed) {
        Random r = new Random(seed);
        List<Event> list = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < EVENTS; i++) {
            t += r.nextInt(40);
            long jitter = r.nextInt(300); // out of order within the 500 ms lateness
            int symbol = i < EVENTS / 2 ? r.nextInt(8) : (r.nextInt(4) == 0 ? r.nextInt(8) : 2);
            list.add(new Event(r.nextBoolean() ? "k1" : "k2", Math.max(0, t - jitter), symbol));
        }
        return list;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{count: 200}", "{count: 64}", "{time: 2s}"})
    void shouldEmitBitIdenticalAggregatesAfterRestartsAtArbitraryPoints(String window) {
        PlannedOperator op = operator(window);
        List<Event> events = events(window.hashCode());
        Harness uninterrupted = new Harness(op);
        Harness restarted = new Harness(op);
        Random cut = new Random(11);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            uninterrupted.send(e.key, e.time, e.symbol, i);
            restarted.send(e.key, e.time, e.symbol, i);
            if (cut.nextInt(250) == 0) {
                restarted.restart();
            }
        }
        List<AggregateRecord> a = uninterrupted.finish();
        List<AggregateRecord> b = restarted.finish();
        assertThat(a).hasSizeGreaterThan(20);
        assertThat(b).isEqualTo(a);
        assertThat(restarted.chunks()).isEqualTo(uninterrupted.chunks()).isLessThan(EVENTS / 64);
    }

    /**
     * Key k1 goes quiet half-way while k2 keeps going; one run punctuates after every record, the
     * other restarts and punctuates at random points (as a real stream thread does, between batches):
     * each key's aggregates must be the same, and k1 must get one per interval to the end.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{count: 64}", "{time: 2s}"})
    void shouldEmitTheSameAggregatesForAQuietKeyWhereverThePunctuatorRunsAndAfterRestarts(String window) {
        PlannedOperator op = operator(window);
        List<Event> events = events(window.hashCode()).stream()
                .filter(e -> e.key.equals("k2") || e.time < 20_000).toList();
        Map<String, List<AggregateRecord>> a = punctuatedEverywhereAndAtRandom(op, 0, events, 5);
        long lastTime = events.get(events.size() - 1).time;
        List<AggregateRecord> quiet = a.get("k1");
        assertThat(quiet.get(quiet.size() - 1).time()).isEqualTo(Math.floorDiv(lastTime, 1_000) * 1_000);
        for (int i = 1; i < quiet.size(); i++) {
            assertThat(quiet.get(i).time() - quiet.get(i - 1).time()).isEqualTo(1_000);
        }
        if (window.contains("time")) {
            assertThat(quiet.get(quiet.size() - 1).events()).isZero();
        } else {
            assertThat(quiet.get(quiet.size() - 1).value()).isEqualTo(quiet.get(20).value());
        }
    }

    /**
     * Key k1 comes and goes (10 s on, 10 s off) with expire-after 3 s: it is forgotten and starts
     * afresh several times. Punctuating after every record or at random points, with restarts, gives
     * each key the same aggregates, expiries included.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{count: 64}", "{time: 2s}", "{decay: {half-life: 50}}", "{cumulative: true}"})
    void shouldExpireAQuietKeyAtTheSameBoundaryWhereverThePunctuatorRunsAndAfterRestarts(String window) {
        PlannedOperator op = operator(window);
        List<Event> events = events(window.hashCode()).stream()
                .filter(e -> e.key.equals("k2") || (e.time / 10_000) % 2 == 0).toList();
        Map<String, List<AggregateRecord>> a = punctuatedEverywhereAndAtRandom(op, 3_000, events, 9);
        List<AggregateRecord> expiries = a.get("k1").stream()
                .filter(r -> AggregateRecord.EXPIRED.equals(r.trigger())).toList();
        assertThat(expiries).hasSizeGreaterThanOrEqualTo(2);
        assertThat(a.get("k2")).noneMatch(r -> AggregateRecord.EXPIRED.equals(r.trigger()));
    }

    /**
     * Runs {@code events} through two processors: one punctuated after every record, one punctuated
     * and restarted at random points (seeded); asserts both give each key the same aggregates and
     * returns them by key.
     */
    private static Map<String, List<AggregateRecord>> punctuatedEverywhereAndAtRandom(PlannedOperator op, long expireAfter,
                                                                                    List<Event> events, long seed) {
        Harness uninterrupted = new Harness(op, expireAfter);
        Harness restarted = new Harness(op, expireAfter);
        Random cut = new Random(seed);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            uninterrupted.send(e.key, e.time, e.symbol, i);
            uninterrupted.punctuate();
            restarted.send(e.key, e.time, e.symbol, i);
            if (cut.nextInt(40) == 0) {
                restarted.punctuate();
            }
            if (cut.nextInt(250) == 0) {
                restarted.restart();
            }
        }
        restarted.punctuate();
        Map<String, List<AggregateRecord>> a = byKey(uninterrupted.finish());
        assertThat(byKey(restarted.finish())).isEqualTo(a);
        return a;
    }

    static Map<String, List<AggregateRecord>> byKey(List<AggregateRecord> out) {
        Map<String, List<AggregateRecord>> m = new java.util.TreeMap<>();
        out.forEach(r -> m.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 200})
    void shouldMatchABatchShannonEntropyOfTheLastNEventsOfTheKey(int n) {
        PlannedOperator op = operator("{count: " + n + "}");
        Harness h = new Harness(op);
        List<Event> events = events(n);
        Map<String, List<Integer>> seen = new HashMap<>();
        Map<String, Double> expectedAtNextTick = new HashMap<>();
        List<Double> expected = new ArrayList<>();
        long[] lastTick = {Long.MIN_VALUE, Long.MIN_VALUE};
        long highWater = Long.MIN_VALUE;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            int k = e.key.equals("k1") ? 0 : 1;
            highWater = Math.max(highWater, e.time);
            long tick = Math.floorDiv(highWater, 1_000); // boundaries advance on the task's largest event time
            if (lastTick[k] != Long.MIN_VALUE) {
                for (long b = lastTick[k] + 1; b <= tick; b++) {
                    expected.add(expectedAtNextTick.get(e.key)); // one aggregate per closed interval, before this event
                }
            }
            lastTick[k] = tick;
            h.send(e.key, e.time, e.symbol, i);
            List<Integer> s = seen.computeIfAbsent(e.key, x -> new ArrayList<>());
            s.add(e.symbol);
            expectedAtNextTick.put(e.key, batchEntropyBits(s.subList(Math.max(0, s.size() - n), s.size())));
        }
        List<AggregateRecord> out = h.finish();
        assertThat(out).hasSize(expected.size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).value()).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static double batchEntropyBits(List<Integer> window) {
        Map<Integer, Integer> counts = new HashMap<>();
        window.forEach(s -> counts.merge(s, 1, Integer::sum));
        double h = 0;
        for (int c : counts.values()) {
            double p = (double) c / window.size();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }
}
