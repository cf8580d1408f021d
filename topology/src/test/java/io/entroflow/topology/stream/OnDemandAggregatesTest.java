package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.DeadLetterHeaders;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Aggregates on demand: a record on the requests topic makes the operators emit the current
 * aggregate of one key (or every key), marked {@code trigger: request}, without changing any state:
 * interval aggregates and alerts are the same with or without requests.
 */
class OnDemandAggregatesTest {
    private static final String SPEC = """
            monitor: m
            input: {topics: [events]}
            signals: [{name: s, kind: categorical, field: /s, values: [a, b, c, d]}]
            operators:
              - {name: h, type: entropy, signal: s, window: {count: 8}}
              - {name: recent, type: entropy, signal: s, window: {time: 2s}}
            aggregates: {interval: 10s}
            rules:
              - {name: mixed, operator: h, threshold: {above: 1.5, exit: 1.0}}
            """;

    private static final String[] SYMBOLS = {"a", "b", "c", "d"};

    @Test
    void shouldAnswerARequestForOneKeyWithItsCurrentValueAtStreamTime() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            for (int t = 0; t < 6; t++) {
                d.send("k", "{\"s\": \"" + SYMBOLS[t % 2] + "\"}", 1_000L * t); // a b a b a b
            }
            d.send("other", "{\"s\": \"c\"}", 5_500);
            d.request("k", null, 0);
            List<AggregateRecord> answers = d.aggregates();
            assertThat(answers).hasSize(2).allSatisfy(a -> {
                assertThat(a.trigger()).isEqualTo(AggregateRecord.REQUEST);
                assertThat(a.key()).isEqualTo("k");
                assertThat(a.time()).isEqualTo(5_500L); // the task's stream time
            });
            AggregateRecord h = answers.stream().filter(a -> a.operator().equals("h")).findFirst().orElseThrow();
            assertThat(h.value()).isCloseTo(1.0, within(1e-12));
            assertThat(h.events()).isEqualTo(6);
            AggregateRecord recent = answers.stream().filter(a -> a.operator().equals("recent")).findFirst().orElseThrow();
            // time window [5.5 s + 2 ms - 2 s, 5.5 s]: the events at 4 s (a) and 5 s (b)
            assertThat(recent.events()).isEqualTo(2);
            assertThat(recent.value()).isCloseTo(1.0, within(1e-12));
            assertThat(recent.windowStart()).isEqualTo(3_502L);
            assertThat(recent.windowEnd()).isEqualTo(5_500L);
        }
    }

    @Test
    void shouldAnswerEveryKeyWhenTheRequestHasNoKeyAndOnlyTheNamedOperator() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            d.send("x", "{\"s\": \"a\"}", 100);
            d.send("y", "{\"s\": \"b\"}", 200);
            d.request(null, "{\"operator\": \"h\"}", 0);
            assertThat(d.aggregates()).extracting(AggregateRecord::key, AggregateRecord::operator, AggregateRecord::trigger)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("x", "h", "request"),
                            org.assertj.core.groups.Tuple.tuple("y", "h", "request"));
            d.request("nobody", null, 0);
            assertThat(d.aggregates()).isEmpty(); // a key the monitor has not seen has no aggregates
        }
    }

    @Test
    void shouldDeadLetterAnUnreadableRequestNamingTheField() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            d.send("x", "{\"s\": \"a\"}", 100);
            d.request("x", "{\"operator\": \"nope\"}", 0);
            d.request("x", "not json", 0);
            assertThat(d.aggregates()).isEmpty();
            var dead = d.deadLetters();
            assertThat(dead).hasSize(2);
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo(BadEvent.OUT_OF_RANGE);
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.FIELD)).isEqualTo("/operator");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.DETAIL)).contains("nope").contains("[h, recent]");
            assertThat(MonitorDriver.header(dead.get(1), DeadLetterHeaders.REASON)).isEqualTo(BadEvent.UNPARSABLE);
            assertThat(d.counters.requestsRejected()).isEqualTo(2);
            assertThat(d.counters.eventsIn()).isEqualTo(d.counters.eventsProcessed() + d.counters.eventsDeadLettered());
        }
    }

    @Test
    void shouldLeaveIntervalAggregatesAndAlertsUnchanged() {
        Random r = new Random(7);
        String[] events = new String[400];
        for (int i = 0; i < events.length; i++) {
            events[i] = SYMBOLS[i < 200 ? r.nextInt(2) * 3 : r.nextInt(4)];
        }
        List<AggregateRecord> plainAggregates;
        List<AlertRecord> plainAlerts;
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            for (int i = 0; i < events.length; i++) {
                d.send("k" + (i % 3), "{\"s\": \"" + events[i] + "\"}", 250L * i);
            }
            plainAggregates = d.aggregates();
            plainAlerts = d.alertEvents();
        }
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            for (int i = 0; i < events.length; i++) {
                d.send("k" + (i % 3), "{\"s\": \"" + events[i] + "\"}", 250L * i);
                if (i % 7 == 0) {
                    d.request(i % 2 == 0 ? null : "k1", null, 0);
                }
            }
            List<AggregateRecord> all = d.aggregates();
            assertThat(all.stream().filter(a -> AggregateRecord.REQUEST.equals(a.trigger())).count()).isGreaterThan(50);
            assertThat(all.stream().filter(a -> AggregateRecord.INTERVAL.equals(a.trigger())).toList())
                    .isEqualTo(plainAggregates);
            assertThat(d.alertEvents()).isEqualTo(plainAlerts);
        }
        assertThat(plainAlerts).isNotEmpty();
    }
}
