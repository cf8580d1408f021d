package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code aggregates.expire-after}: a key that stays quiet is forgotten at the first interval
 * boundary it is that far behind, with a last aggregate marked {@code expired}; its firing alert
 * resolves there, its state leaves the store, and when it returns it starts afresh. With
 * {@code emit: every-interval} (the quiet key's unchanged aggregates too); on change:
 * {@link OnChangeEmissionTopologyTest}.
 */
class KeyExpiryTopologyTest {
    private static final String SPEC = """
            monitor: m
            input: {topics: [events]}
            signals: [{name: s, kind: categorical, field: /s, values: [a, b]}]
            operators: [{name: h, type: entropy, signal: s, window: {count: 8}}]
            aggregates: {interval: 1s, expire-after: 5s, emit: every-interval}
            rules:
              - {name: mixed, operator: h, min-events: 2, threshold: {above: 0.5}, keep-firing-for: 100s}
            """;

    /** q alternates a/b every 250 ms until 1.75 s, then returns at 15 s; busy sends a every 250 ms until 20 s. */
    private static void drive(MonitorDriver d) {
        for (long t = 0; t <= 20_000; t += 250) {
            if (t < 2_000 || t >= 15_000 && t < 15_500) {
                d.send("q", "{\"s\": \"" + ((t / 250) % 2 == 0 ? "a" : "b") + "\"}", t);
            }
            d.send("busy", "{\"s\": \"a\"}", t);
        }
    }

    @Test
    void shouldForgetAQuietKeyResolveItsAlertAndStartItAfreshWhenItReturns() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            drive(d);
            List<AggregateRecord> q = d.aggregates().stream().filter(a -> a.key().equals("q")).toList();
            // last event at 1.75 s: the first boundary 5 s or more later is 7 s
            assertThat(q.subList(0, 8)).extracting(AggregateRecord::time, AggregateRecord::trigger).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(1000L, "interval"), org.assertj.core.groups.Tuple.tuple(2000L, "interval"),
                    org.assertj.core.groups.Tuple.tuple(3000L, "interval"), org.assertj.core.groups.Tuple.tuple(4000L, "interval"),
                    org.assertj.core.groups.Tuple.tuple(5000L, "interval"), org.assertj.core.groups.Tuple.tuple(6000L, "interval"),
                    org.assertj.core.groups.Tuple.tuple(7000L, "interval"), org.assertj.core.groups.Tuple.tuple(7000L, "expired"));
            AggregateRecord expired = q.get(7);
            assertThat(expired.events()).isEqualTo(8);
            assertThat(expired.eventsSeen()).isEqualTo(8);
            // back at 15 s: afresh, no aggregates in between; the first one counts only the new events
            AggregateRecord back = q.get(8);
            assertThat(back.time()).isEqualTo(16_000L);
            assertThat(back.eventsSeen()).isEqualTo(2);
            assertThat(back.events()).isEqualTo(2);

            List<AlertRecord> alerts = d.alertEvents().stream().filter(a -> a.labels().get("key").equals("q")).toList();
            assertThat(alerts).extracting(AlertRecord::status).containsExactly("firing", "resolved", "firing");
            assertThat(alerts.get(1).endsAt()).isEqualTo("1970-01-01T00:00:07Z"); // not after keep-firing-for (100 s)
        }
    }

    @Test
    void shouldCountLiveKeysUntilTheyExpireAndKeepTheCountAcrossARestart() {
        MonitorCounters counters;
        try (MonitorDriver first = new MonitorDriver(SPEC)) {
            for (long t = 0; t < 2_000; t += 250) {
                first.send("q", "{\"s\": \"a\"}", t);
                first.send("busy", "{\"s\": \"a\"}", t);
                first.send("k-" + t, "{\"s\": \"b\"}", t);
            }
            assertThat(first.counters.liveKeysByOperator()).containsExactly(java.util.Map.entry("h", 10L));
            for (long t = 2_000; t <= 12_000; t += 250) {
                first.send("busy", "{\"s\": \"a\"}", t);
            }
            assertThat(first.counters.liveKeysByOperator()).containsExactly(java.util.Map.entry("h", 1L)); // every quiet key expired
            try (MonitorDriver d = first.restarted()) {
                counters = d.counters;
                assertThat(counters.liveKeysByOperator()).containsExactly(java.util.Map.entry("h", 0L)); // not yet published
                d.driver.advanceWallClockTime(OperatorProcessor.LIVE_KEYS_EVERY);
                assertThat(counters.liveKeysByOperator()).containsExactly(java.util.Map.entry("h", 1L)); // read from the store
                d.send("q", "{\"s\": \"a\"}", 12_500);
                d.send("new", "{\"s\": \"a\"}", 12_500);
                assertThat(counters.liveKeysByOperator()).containsExactly(java.util.Map.entry("h", 3L));
            }
        }
        assertThat(counters.liveKeysByOperator()).containsExactly(java.util.Map.entry("h", 0L)); // the task left
    }

    @Test
    void shouldRefuseAZeroExpiryByPath() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MonitorDriver(SPEC.replace("expire-after: 5s", "expire-after: 0s")))
                .hasMessageContaining("aggregates.expire-after: must be > 0, got 0s");
    }

    @Test
    void shouldDeleteTheForgottenKeysRecordsFromTheStore() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            for (long t = 0; t <= 12_000; t += 250) {
                if (t < 2_000) {
                    d.send("q", "{\"s\": \"a\"}", t);
                }
                d.send("busy", "{\"s\": \"a\"}", t);
            }
            KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore(
                    new TopologyNames("m").operatorStore(d.plan.operators().get(0)));
            List<String> keys = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                it.forEachRemaining(kv -> keys.add(kv.key));
            }
            assertThat(keys).noneMatch(k -> k.startsWith(StoreKeys.of("q"))).anyMatch(k -> k.startsWith(StoreKeys.of("busy")));
        }
    }

    /**
     * 5,000 keys go quiet together and expire at one boundary: each punctuation forgets one slice of
     * them (operators: {@link EmissionPolicy#SLICE_KEYS}, signals store: {@link SignalExpiry#SLICE_KEYS}),
     * the wall-clock punctuator the next slices, and every key gets its expired aggregate at that
     * boundary, however the work was cut.
     */
    @Test
    void shouldForgetKeysThatExpireTogetherInSlices() {
        int keys = 5_000;
        try (MonitorDriver d = new MonitorDriver(SPEC.replace("emit: every-interval", "emit: on-change"))) {
            for (int k = 0; k < keys; k++) {
                d.send("q" + k, "{\"s\": \"a\"}", 1 + k % 999);
            }
            d.send("busy", "{\"s\": \"a\"}", 6_000); // quiet keys expire at 6 s (last event in (0, 1) s, x = 5 s)
            String signals = new TopologyNames("m").signalsStore();
            String operator = new TopologyNames("m").operatorStore(d.plan.operators().get(0));
            java.util.function.ToLongFunction<String> quietKeys = store -> d.storeKeys(store).stream()
                    .filter(k -> k.contains("q")).map(k -> k.substring(k.indexOf('q'))).distinct().count();
            assertThat(quietKeys.applyAsLong(signals)).isEqualTo(keys - SignalExpiry.SLICE_KEYS);
            long expiredNow = d.aggregates().stream().filter(a -> AggregateRecord.EXPIRED.equals(a.trigger())).count();
            assertThat(expiredNow).isEqualTo(EmissionPolicy.SLICE_KEYS);
            d.driver.advanceWallClockTime(OperatorProcessor.CATCH_UP_EVERY); // one more slice
            assertThat(quietKeys.applyAsLong(signals)).isEqualTo(keys - 2 * SignalExpiry.SLICE_KEYS);
            d.send("busy", "{\"s\": \"a\"}", 7_000); // the rest of the operator's due keys before stream time leaves 6 s
            List<AggregateRecord> expired = d.aggregates().stream()
                    .filter(a -> AggregateRecord.EXPIRED.equals(a.trigger())).toList();
            assertThat(expired).hasSize(keys - (int) expiredNow).allSatisfy(a -> assertThat(a.time()).isEqualTo(6_000L));
            assertThat(quietKeys.applyAsLong(operator)).isZero();
            d.driver.advanceWallClockTime(OperatorProcessor.CATCH_UP_EVERY);
            assertThat(quietKeys.applyAsLong(signals)).isZero();
        }
    }
}
