package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The whole monitor with the defaults of issue 17 item 3 ({@code aggregates.emit: on-change},
 * {@code expire-after: 24h}): a quiet key emits nothing once its aggregate stops changing, a time
 * window emits while its contents change, the default expiry forgets a key in every store (signals
 * store included) and its next event starts it afresh, a key whose every event was dead-lettered gets
 * no state, and a restart in the middle gives the same outputs, with either emission.
 */
class OnChangeEmissionTopologyTest {
    private static final String SPEC = """
            monitor: m
            input: {topics: [events]}
            signals:
              - {name: s, kind: categorical, field: /s, values: [a, b]}
              - {name: c, kind: categorical, field: /c, max-categories: 8}
            operators:
              - {name: h, type: entropy, signal: s, window: {count: 8}}
              - {name: w, type: entropy, signal: s, window: {time: 3s}}
              - {name: hc, type: entropy, signal: c, window: {count: 8}}
            aggregates: {interval: 1s}
            rules:
              - {name: mixed, operator: h, min-events: 2, threshold: {above: 0.5}}
            """;

    private static String event(String s, String c) {
        return "{\"s\": \"" + s + "\", \"c\": \"" + c + "\"}";
    }

    /** q alternates a/b every 250 ms until 1.75 s; busy sends every 250 ms until 20 s. */
    private static void drive(MonitorDriver d) {
        for (long t = 0; t <= 20_000; t += 250) {
            if (t < 2_000) {
                d.send("q", event((t / 250) % 2 == 0 ? "a" : "b", "x"), t);
            }
            d.send("busy", event("a", "x"), t);
        }
    }

    private static List<AggregateRecord> of(MonitorDriver d, String key, String operator) {
        return d.aggregates().stream().filter(a -> a.key().equals(key) && a.operator().equals(operator)).toList();
    }

    @Test
    void aQuietCountWindowKeyEmitsNothingAfterItsLastChangeAndATimeWindowKeyWhileItsWindowChanges() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            drive(d);
            List<AggregateRecord> all = d.aggregates();
            List<AggregateRecord> h = all.stream().filter(a -> a.key().equals("q") && a.operator().equals("h")).toList();
            assertThat(h).extracting(AggregateRecord::time, AggregateRecord::eventsSeen)
                    .containsExactly(tuple(1_000L, 4L), tuple(2_000L, 8L)); // nothing after its last event's interval
            // the time window loses q's events by stream time until it is empty at 5 s (events up to 1.75 s, span 3 s)
            List<AggregateRecord> w = all.stream().filter(a -> a.key().equals("q") && a.operator().equals("w")).toList();
            assertThat(w).extracting(AggregateRecord::time, AggregateRecord::events).containsExactly(
                    tuple(1_000L, 4L), tuple(2_000L, 8L), tuple(3_000L, 7L), tuple(4_000L, 3L), tuple(5_000L, 0L));
            // busy keeps changing: one aggregate per interval
            assertThat(all.stream().filter(a -> a.key().equals("busy") && a.operator().equals("h")))
                    .extracting(AggregateRecord::time).hasSize(20);
        }
    }

    @Test
    void everyIntervalRestoresAnAggregatePerKeyPerInterval() {
        try (MonitorDriver d = new MonitorDriver(SPEC.replace("{interval: 1s}", "{interval: 1s, emit: every-interval}"))) {
            drive(d);
            assertThat(of(d, "q", "h")).extracting(AggregateRecord::time).hasSize(20);
        }
    }

    @Test
    void theDefaultExpiryForgetsAKeyInEveryStoreAndItsNextEventStartsItAfresh() {
        TopologyNames n = new TopologyNames("m");
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            d.send("q", event("a", "x"), 0);
            d.send("q", event("b", "y"), 100);
            for (long t = 0; t <= 25 * 3_600_000L; t += 600_000) { // busy, every 10 minutes for 25 hours
                d.send("busy", event("a", "x"), t);
            }
            List<AggregateRecord> h = of(d, "q", "h");
            assertThat(h).extracting(AggregateRecord::time, AggregateRecord::trigger)
                    .containsExactly(tuple(1_000L, "interval"), tuple(86_400_100L / 1_000 * 1_000 + 1_000, "expired"));
            assertThat(d.storeKeys(n.signalsStore())).noneMatch(k -> k.contains(StoreKeys.of("q")));
            for (var op : d.plan.operators()) {
                assertThat(d.storeKeys(n.operatorStore(op))).noneMatch(k -> k.contains(StoreKeys.of("q")));
            }
            assertThat(d.storeKeys(n.alertsStore())).noneMatch(k -> k.contains(StoreKeys.of("q")));

            d.send("q", event("b", "y"), 25 * 3_600_000L + 10);
            d.send("busy", event("a", "x"), 25 * 3_600_000L + 2_000);
            AggregateRecord back = of(d, "q", "hc").get(0);
            assertThat(back.eventsSeen()).isEqualTo(1);
            KeyValueStore<String, byte[]> signals = d.driver.getKeyValueStore(n.signalsStore());
            String stateKey = SignalState.stateKey("q");
            SignalState st = SignalState.decode(signals.get(stateKey), signals.get(SignalState.categoriesKey(stateKey)));
            assertThat(st.categories.get(1)).containsExactly("y"); // afresh: y is the key's first category now
            assertThat(st.lastTime).isEqualTo(25 * 3_600_000L + 10);
        }
    }

    @Test
    void aKeyWhoseEveryEventWasDeadLetteredGetsNoState() {
        TopologyNames n = new TopologyNames("m");
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            d.send("bad", event("not-a-value", "x"), 0);
            d.send("bad", "{\"c\": \"x\"}", 10);
            d.send("busy", event("a", "x"), 2_000);
            assertThat(d.deadLetters()).hasSize(2);
            assertThat(d.storeKeys(n.signalsStore())).noneMatch(k -> k.contains(StoreKeys.of("bad")));
            for (var op : d.plan.operators()) {
                assertThat(d.storeKeys(n.operatorStore(op))).noneMatch(k -> k.contains(StoreKeys.of("bad")));
            }
            assertThat(d.aggregates()).noneMatch(a -> a.key().equals("bad"));
        }
    }

    /** The same events with restarts (from the stores, as after a crash) at arbitrary points: the same outputs. */
    @ParameterizedTest
    @ValueSource(strings = {"on-change", "every-interval"})
    void aRestartInTheMiddleGivesTheSameOutputs(String emit) {
        String spec = SPEC.replace("{interval: 1s}", "{interval: 1s, expire-after: 4s, emit: " + emit + "}");
        List<String[]> events = new java.util.ArrayList<>();
        java.util.Random r = new java.util.Random(17);
        for (long t = 0; t <= 30_000; t += 50 + r.nextInt(200)) {
            String key = "k" + r.nextInt(5);
            if ((t / (2_000L * (key.charAt(1) - '0' + 1))) % 2 == 0 || key.equals("k0")) {
                events.add(new String[] {key, event(r.nextBoolean() ? "a" : "b", "c" + r.nextInt(10)), Long.toString(t)});
            }
        }
        Outputs uninterrupted = new Outputs();
        try (MonitorDriver d = new MonitorDriver(spec)) {
            events.forEach(e -> d.send(e[0], e[1], Long.parseLong(e[2])));
            uninterrupted.read(d);
        }
        Outputs restarted = new Outputs();
        MonitorDriver d = new MonitorDriver(spec);
        try {
            for (int i = 0; i < events.size(); i++) {
                String[] e = events.get(i);
                d.send(e[0], e[1], Long.parseLong(e[2]));
                if (i % 97 == 50) {
                    restarted.read(d);
                    d = d.restarted();
                }
            }
            restarted.read(d);
        } finally {
            d.close();
        }
        // per key and operator (keys of one boundary may interleave differently: the punctuator runs elsewhere)
        assertThat(restarted.aggregates).hasSizeGreaterThan(10).isEqualTo(uninterrupted.aggregates);
        assertThat(restarted.alerts).isEqualTo(uninterrupted.alerts);
        assertThat(uninterrupted.aggregates.values().stream().flatMap(List::stream))
                .anyMatch(a -> a.contains("trigger=" + AggregateRecord.EXPIRED));
    }

    private static final class Outputs {
        final java.util.Map<String, List<String>> aggregates = new java.util.TreeMap<>();
        final java.util.Map<String, List<String>> alerts = new java.util.TreeMap<>();

        /** The outputs, without input offsets (a restarted test driver numbers its input records from 0 again). */
        void read(MonitorDriver d) {
            d.aggregates().forEach(a -> aggregates.computeIfAbsent(a.key() + "/" + a.operator(),
                    k -> new java.util.ArrayList<>()).add(a.toString().replaceAll("offset[A-Za-z]*=\\d+", "offset")));
            d.alertEvents().forEach(a -> alerts.computeIfAbsent(a.fingerprint(), k -> new java.util.ArrayList<>())
                    .add(a.toString().replaceAll("offset[A-Za-z]*=\\d+", "offset")));
        }
    }
}
