package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.DeadLetterHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTopologyTest {
    private static final String SPEC = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
              lateness: 1s
            signals:
              - {name: kind, kind: categorical, field: /kind, max-categories: 3}
              - {name: amount, kind: numeric, field: /amount, symbolize: {method: bins, bins: 4, min: 0, max: 100}}
            operators:
              - {name: h, type: entropy, signal: kind, window: {count: 10}}
            """;

    @Test
    void shouldDeadLetterEveryKindOfBadEventWithItsReasonFieldAndSource() {
        try (MonitorDriver d = new MonitorDriver(SPEC)) {
            d.send("k", "{\"ts\": 10000, \"kind\": \"a\", \"amount\": 1}", 0);          // ok, offset 0
            d.send("k", "{not json", 0);                                               // unparsable
            d.send("k", "{\"ts\": 10001, \"amount\": 1}", 0);                          // missing kind
            d.send("k", "{\"ts\": 10002, \"kind\": \"a\", \"amount\": \"x\"}", 0);     // wrong type
            d.send("k", "{\"ts\": 10003, \"kind\": \"a\", \"amount\": NaN}", 0);       // not finite
            d.send("k", "{\"ts\": -5, \"kind\": \"a\", \"amount\": 1}", 0);            // time out of range
            d.send("k", "{\"ts\": 8000, \"kind\": \"a\", \"amount\": 1}", 0);          // late (> 1 s behind)
            d.send(null, "{\"ts\": 10004, \"kind\": \"a\", \"amount\": 1}", 0);        // no key
            d.send("k", "{\"ts\": 10005, \"kind\": \"b\", \"amount\": 1}", 0);         // ok
            d.send("k", "{\"ts\": 10006, \"kind\": \"c\", \"amount\": 1}", 0);         // ok
            d.send("k", "{\"ts\": 10007, \"kind\": \"d\", \"amount\": 1}", 0);         // 4th category > max 3: overflow
            d.send("k", "{\"ts\": \"2026-01-01T00:00:00Z\", \"kind\": \"a\", \"amount\": 1}", 0); // ok, ISO time
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON)).containsExactly(
                    "unparsable", "missing_field", "wrong_type", "not_finite", "out_of_range", "late", "missing_field");
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.FIELD)).containsExactly(
                    "", "/kind", "/amount", "/amount", "/ts", "/ts", "(record key)");
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.SOURCE_OFFSET)).containsExactly(
                    "1", "2", "3", "4", "5", "6", "7");
            assertThat(dead).isNotEmpty().allSatisfy(r -> {
                assertThat(MonitorDriver.header(r, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("events");
                assertThat(MonitorDriver.header(r, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
            });
            assertThat(new String(dead.get(0).value())).isEqualTo("{not json");
            assertThat(d.counters.eventsIn()).isEqualTo(12);
            assertThat(d.counters.eventsProcessed()).isEqualTo(5);
            assertThat(d.counters.categoriesOverflowed()).isEqualTo(1);
            assertThat(d.counters.eventsIn()).isEqualTo(d.counters.eventsProcessed() + d.counters.eventsDeadLettered());
            assertThat(d.counters.deadLettersByReason()).containsEntry("out_of_range", 1L).containsEntry("late", 1L);
        }
    }
}
