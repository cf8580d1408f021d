package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.alert.AlertState;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the state API reads: {@link StoreReader} decodes the operator and alert stores to the same
 * values the processors emit (an operator's state equals the on-demand answer at the same stream
 * time, for count, time and recursive windows), lists the keys and the alert states; and the
 * {@link StreamTimings} hook receives one operator update time per event and operator and one
 * event-to-alert latency per transition.
 */
class StoreReaderTopologyTest {
    private static final String SPEC = """
            monitor: m
            input: {topics: [events]}
            signals:
              - {name: s, kind: categorical, field: /s, values: [a, b, c, d]}
              - {name: x, kind: numeric, field: /x}
            operators:
              - {name: h, type: entropy, signal: s, window: {count: 8}}
              - {name: recent, type: entropy, signal: s, window: {time: 2s}}
              - name: regimes
                type: hmm
                signal: x
                window: {cumulative: true}
                params:
                  model:
                    initial: [0.5, 0.5]
                    transition: [[0.9, 0.1], [0.1, 0.9]]
                    emission: {type: gaussian, means: [0, 10], variances: [1, 1]}
            aggregates: {interval: 10s}
            rules:
              - {name: mixed, operator: h, threshold: {above: 1.5, exit: 1.0}}
            """;
    private static final String[] SYMBOLS = {"a", "b", "c", "d"};

    @Test
    void shouldReadEachOperatorsStateAsTheOnDemandAnswerReportsIt() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            for (int t = 0; t < 30; t++) {
                d.send(t % 3 == 0 ? "k/1" : "k2", "{\"s\": \"" + SYMBOLS[(t * 7) % 4] + "\", \"x\": " + (t % 5 == 0 ? 10 : 0.5)
                        + "}", 1_000L * t);
            }
            d.aggregates();
            d.alertEvents();
            d.request(null, null, 0);
            Map<String, AggregateRecord> answers = new TreeMap<>();
            d.aggregates().forEach(a -> answers.put(a.key() + "|" + a.operator(), a));
            assertThat(answers).hasSize(6);
            TopologyNames names = new TopologyNames("m");
            TreeSet<String> keys = new TreeSet<>();
            for (PlannedOperator op : d.plan.operators()) {
                KeyValueStore<String, byte[]> store = d.driver.getKeyValueStore(names.operatorStore(op));
                StoreReader.keys(store, keys::add);
                for (String key : List.of("k/1", "k2")) {
                    StoreReader.OperatorState s = StoreReader.operatorState(op, store, key);
                    AggregateRecord a = answers.get(key + "|" + op.name());
                    assertThat(s.result().value()).as(key + " " + op.name()).isEqualTo(a.value());
                    assertThat(s.result().events()).isEqualTo(a.events());
                    assertThat(s.result().windowStart()).isEqualTo(a.windowStart());
                    assertThat(s.result().windowEnd()).isEqualTo(a.windowEnd());
                    assertThat(s.result().regime()).isEqualTo(a.regime());
                    assertThat(s.eventsSeen()).isEqualTo(a.eventsSeen());
                    if (op.name().equals("regimes")) {
                        assertThat(s.posterior()).hasSize(2);
                        assertThat(s.posterior()[0] + s.posterior()[1]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
                        assertThat(s.posterior()[a.regime()]).isGreaterThanOrEqualTo(0.5);
                    } else {
                        assertThat(s.posterior()).isNull();
                    }
                }
                assertThat(StoreReader.operatorState(op, store, "nobody")).isNull();
            }
            assertThat(keys).containsExactly("k/1", "k2");

            KeyValueStore<String, byte[]> alerts = d.driver.getKeyValueStore(names.alertsStore());
            AlertState k2 = StoreReader.alertState(alerts, "mixed", "k2");
            assertThat(k2.phase).isEqualTo(AlertState.FIRING); // entropy of the cycling symbols is 2 bits > 1.5
            assertThat(StoreReader.alertState(alerts, "mixed", "nobody")).isNull();
            List<String> seen = new ArrayList<>();
            StoreReader.alertStates(alerts, (ruleAndKey, state) -> seen.add(ruleAndKey[0] + "|" + ruleAndKey[1] + "|" + state.phase));
            assertThat(seen).contains("mixed|k2|firing");
        }
    }

    @Test
    void shouldReportOneUpdateTimePerEventAndOperatorAndOneLatencyPerAlertTransition() {
        Map<String, List<Long>> updates = new ConcurrentHashMap<>();
        Map<String, List<Long>> alerts = new ConcurrentHashMap<>();
        StreamTimings timings = new StreamTimings() {
            @Override
            public Timer operatorUpdate(String operator) {
                List<Long> l = updates.computeIfAbsent(operator, o -> java.util.Collections.synchronizedList(new ArrayList<>()));
                return l::add;
            }

            @Override
            public Timer eventToAlert(String rule) {
                List<Long> l = alerts.computeIfAbsent(rule, o -> java.util.Collections.synchronizedList(new ArrayList<>()));
                return l::add;
            }
        };
        try (MonitorDriver d = new MonitorDriver(SPEC, OperatorRegistry.standard(), Clock.systemUTC(), timings)) {
            for (int t = 0; t < 40; t++) {
                d.send("k", "{\"s\": \"" + SYMBOLS[t % 4] + "\", \"x\": 0.5}", 1_000L * t);
            }
            assertThat(updates.keySet()).containsExactlyInAnyOrder("h", "recent", "regimes");
            updates.forEach((op, l) -> assertThat(l).as(op).hasSize(40).allSatisfy(n -> assertThat(n).isPositive()));
            long transitions = d.alertEvents().size();
            assertThat(transitions).isPositive();
            assertThat(alerts.get("mixed")).hasSize((int) transitions).allSatisfy(n -> assertThat(n).isPositive());
        }
    }
}
