package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.topology.alert.AlertState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules stage's cache of decoded alert states: what it hands out equals a decode of the store,
 * a state changed and forgotten is read back as stored, and the rules topology with a one-state
 * cache emits what it emits with the default one.
 */
class AlertStatesTest {

    @Test
    void handsOutWhatTheStoreHoldsAndForgetsHalfChangedStates() {
        KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("alerts"),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        AlertStates states = new AlertStates(2);
        states.init(store);
        assertThat(states.getIfPresent("r\u0000a")).isNull();
        AlertState a = states.get("r\u0000a");
        a.phase = AlertState.PENDING;
        a.pendingSince = 42;
        a.baseline = new double[] {1.5, -0.0, Double.MIN_VALUE};
        a.lastDetection = new AlertRecord.Detection("conformal", 0.5, null, null, null, false);
        states.put("r\u0000a", a);
        assertThat(AlertStates.encode(states.get("r\u0000a"))).isEqualTo(store.get("r\u0000a"));
        assertThat(states.get("r\u0000a").lastDetection).as("scratch, not stored").isNull();

        AlertState changed = states.get("r\u0000a");
        changed.phase = AlertState.FIRING; // ... and the record fails before it is put
        states.forget();
        assertThat(states.get("r\u0000a").phase).isEqualTo(AlertState.PENDING);

        for (int i = 0; i < 5; i++) { // evicted states are decoded again, equal to the stored bytes
            AlertState s = states.get("r\u0000k" + i);
            s.pendingSince = i;
            states.put("r\u0000k" + i, s);
        }
        assertThat(states.get("r\u0000k0").pendingSince).isZero();
        states.delete("r\u0000k0");
        assertThat(states.getIfPresent("r\u0000k0")).isNull();
        assertThat(store.get("r\u0000k0")).isNull();
    }

    @Test
    void aOneStateCacheEmitsWhatTheDefaultCacheEmits() {
        String rules = """
                rules:
                  - {name: low, operator: p, threshold: {below: 1.2, exit: 1.5}, for: 2s, keep-firing-for: 3s, min-events: 1}
                  - {name: fleet, operator: p, keep-firing-for: 2s,
                     conformal: {side: high, calibration: 39, quarantine: 5, fdr: {q: 0.2, decay: 0.99}}}
                  - {name: moved, operator: p, drift: {baseline: 10, min-baseline: 5, z: 3}}
                """;
        assertThat(run(spec("", rules))).isEqualTo(run(spec(", cache-keys: 1", rules)));
    }

    private static String spec(String aggregates, String rules) {
        return """
                monitor: m
                input:
                  topics: [events]
                  time: {field: /ts}
                signals:
                  - {name: s, kind: categorical, field: /s, values: [a, b, c, d]}
                operators:
                  - {name: p, type: entropy, signal: s, window: {count: 20}}
                aggregates: {interval: 1s%s}
                """.formatted(aggregates) + rules;
    }

    private static List<List<?>> run(String spec) {
        Random r = new Random(11);
        try (MonitorDriver d = new MonitorDriver(spec)) {
            for (int s = 1; s <= 150; s++) {
                for (int k = 0; k < 6; k++) {
                    boolean collapsed = k == 0 && s >= 90 || k == 1 && s % 40 < 12;
                    for (int e = 0; e < 4; e++) {
                        String symbol = collapsed && r.nextDouble() < 0.9 ? "a" : "abcd".substring(r.nextInt(4)).substring(0, 1);
                        if (k != 2 || s % 7 != 0) { // key k2 is quiet now and then: its timers fire on their own
                            d.send("k" + k, "{\"ts\": " + (s * 1000 + e) + ", \"s\": \"" + symbol + "\"}", 0);
                        }
                    }
                }
            }
            List<AggregateRecord> aggregates = d.aggregates();
            List<AlertRecord> alerts = d.alertEvents();
            assertThat(alerts).isNotEmpty();
            return List.of(aggregates, alerts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
