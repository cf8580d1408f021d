package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.operator.StreamingOperator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record ends processed or dead-lettered, and the monitor moves on (issue 17, "Poison records"). */
class DeadLetterPoisonRecordsTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static String spec(String input) {
        return """
                monitor: m
                input:
                  topics: [events]
                %s
                signals:
                  - {name: kind, kind: categorical, field: /kind, max-categories: 3}
                operators:
                  - {name: h, type: entropy, signal: kind, window: {count: 10}}
                aggregates: {interval: 1s}
                """.formatted(input);
    }

    private static void assertCountsAddUp(MonitorDriver d) {
        assertThat(d.counters.eventsIn()).isEqualTo(d.counters.eventsProcessed() + d.counters.eventsDeadLettered());
    }

    @Test
    void shouldDeadLetterAnEventTimeBeyondMaxFutureOfTheWallClockAndGoOn() {
        try (MonitorDriver d = new MonitorDriver(spec("  time: {field: /ts}"), MonitorDriver.testRegistry(), CLOCK)) {
            d.send("k", "{\"ts\": " + NOW + ", \"kind\": \"a\"}", 0);
            d.send("k", "{\"ts\": " + (NOW + 2 * 24 * HOUR) + ", \"kind\": \"b\"}", 0);  // two days ahead
            d.send("k", "{\"ts\": " + (NOW + HOUR + 1) + ", \"kind\": \"b\"}", 0);       // 1 ms too far
            d.send("k", "{\"ts\": " + (NOW + 1000) + ", \"kind\": \"c\"}", 0);
            d.send("k", "{\"ts\": " + (NOW + HOUR) + ", \"kind\": \"a\"}", 0);           // exactly 1h ahead: accepted
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON))
                    .containsExactly("out_of_range", "out_of_range");
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.FIELD)).containsExactly("/ts", "/ts");
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.SOURCE_OFFSET)).containsExactly("1", "2");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.DETAIL)).contains(Long.toString(NOW + 2 * 24 * HOUR))
                    .contains("input.max-future 1h");
            assertThat(d.counters.eventsProcessed()).isEqualTo(3);
            assertCountsAddUp(d);
            assertThat(d.aggregates()).allSatisfy(a -> assertThat(a.time()).isLessThanOrEqualTo(NOW + HOUR));
        }
    }

    /** A file sent as one message (kcat -P without -l): several JSON documents in one value are refused whole. */
    @Test
    void shouldDeadLetterAValueHoldingSeveralJsonDocumentsAsUnparsable() {
        try (MonitorDriver d = new MonitorDriver(spec(""), MonitorDriver.testRegistry(), CLOCK)) {
            d.send("k", "{\"kind\": \"a\"}\n{\"kind\": \"b\"}\n{\"kind\": \"c\"}\n", 0);
            d.send("k", "{\"kind\": \"a\", \"x\": [1, 2.5]} {\"kind\": \"b\"}", 0); // the parser's path too
            d.send("k", "{\"kind\": \"a\"}\n", 0); // trailing whitespace is fine
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON))
                    .containsExactly("unparsable", "unparsable");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.DETAIL))
                    .contains("trailing content after the JSON document at byte 14");
            assertThat(d.counters.eventsProcessed()).isEqualTo(1);
            assertCountsAddUp(d);
        }
    }

    @Test
    void shouldCheckTheRecordTimestampAgainstMaxFutureAndStampItsDeadLetterWithAnAcceptedTime() {
        try (MonitorDriver d = new MonitorDriver(spec("  max-future: 5m"), MonitorDriver.testRegistry(), CLOCK)) {
            d.send("k", "{\"kind\": \"a\"}", NOW + 5 * 60_000);
            d.send("k", "{\"kind\": \"a\"}", NOW + 2 * 24 * HOUR);
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.FIELD)).containsExactly("(record timestamp)");
            assertThat(dead.get(0).timestamp()).isEqualTo(NOW + 5 * 60_000);
            assertCountsAddUp(d);
        }
    }

    @Test
    void shouldAcceptAnyFutureTimeWhenMaxFutureIsOff() {
        try (MonitorDriver d = new MonitorDriver(spec("  time: {field: /ts}\n  max-future: off"),
                MonitorDriver.testRegistry(), CLOCK)) {
            d.send("k", "{\"ts\": " + (NOW + 2 * 24 * HOUR) + ", \"kind\": \"a\"}", 0);
            assertThat(d.deadLetters()).isEmpty();
            assertThat(d.counters.eventsProcessed()).isEqualTo(1);
        }
    }

    @Test
    void shouldDeadLetterAnOversizeCategoricalValueAsAProcessingErrorAndKeepTheKeysState() {
        try (MonitorDriver d = new MonitorDriver(spec("  time: {field: /ts}"), MonitorDriver.testRegistry(), CLOCK)) {
            d.send("k", "{\"ts\": 1000, \"kind\": \"a\"}", 0);
            d.send("k", "{\"ts\": 1100, \"kind\": \"" + "x".repeat(70_000) + "\"}", 0); // > 65,535 UTF-8 bytes
            d.send("k", "{\"ts\": 1200, \"kind\": \"b\"}", 0);
            d.send("k", "{\"ts\": 2000, \"kind\": \"c\"}", 0); // closes interval 1000
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).hasSize(1);
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.REASON)).isEqualTo("processing_error");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.DETAIL))
                    .contains("UTFDataFormatException").contains("m-signals");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("events");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(new String(dead.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("k");
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("xxxx");
            // a and b only: 1 bit; "b" got symbol 1, so the failed value took no symbol
            AggregateRecord a = d.aggregates().stream().filter(r -> r.time() == 2000).findFirst().orElseThrow();
            assertThat(a.events()).isEqualTo(2);
            assertThat(a.value()).isEqualTo(1.0);
            assertThat(d.counters.deadLettersByReason()).containsEntry("processing_error", 1L);
            assertThat(d.counters.eventsProcessed()).isEqualTo(3);
            assertCountsAddUp(d);
        }
    }

    @Test
    void shouldLeaveTheKeysTimesAsBeforeAnEventThatFailsHalfWay() {
        // the signals store holds the key's times back until a commit: the failing event moved them a minute
        // ahead before it failed; kept, they would make the next event late (lateness 1 s)
        try (MonitorDriver d = new MonitorDriver(spec("  time: {field: /ts}\n  lateness: 1s"), MonitorDriver.testRegistry(),
                CLOCK)) {
            d.send("k", "{\"ts\": 1000, \"kind\": \"a\"}", 0);
            d.send("k", "{\"ts\": 61000, \"kind\": \"" + "x".repeat(70_000) + "\"}", 0);
            d.send("k", "{\"ts\": 1200, \"kind\": \"b\"}", 0);
            d.send("k", "{\"ts\": 2000, \"kind\": \"c\"}", 0);
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON)).containsExactly("processing_error");
            AggregateRecord a = d.aggregates().stream().filter(r -> r.time() == 2000).findFirst().orElseThrow();
            assertThat(a.events()).isEqualTo(2);
            assertThat(d.counters.eventsProcessed()).isEqualTo(3);
            assertCountsAddUp(d);
        }
    }

    /** probe-like: value = events admitted; updates its count, then throws on the value 13 (a half-applied update). */
    private static OperatorRegistry failingRegistry() {
        return MonitorDriver.testRegistry().register("fails-on-13", c -> new StreamingOperator() {
            private long n;

            @Override
            public double update(long timeMillis, long[] inputs) {
                n++;
                if (Double.longBitsToDouble(inputs[0]) == 13) {
                    throw new IllegalStateException("thirteen");
                }
                return n;
            }

            @Override
            public OperatorResult result() {
                return new OperatorResult(n, "events", 0, 0, n, null, null);
            }
        });
    }

    @Test
    void shouldDeadLetterAnEventAnOperatorThrowsOnWithoutHalfApplyingIt() {
        String yaml = """
                monitor: m
                input: {topics: [events], time: {field: /ts}}
                signals:
                  - {name: v, kind: numeric, field: /v}
                operators:
                  - {name: f, type: fails-on-13, signal: v, window: {count: 100}}
                aggregates: {interval: 1s}
                """;
        try (MonitorDriver d = new MonitorDriver(yaml, failingRegistry(), CLOCK)) {
            d.send("k", "{\"ts\": 1000, \"v\": 1}", 0);
            d.send("k", "{\"ts\": 1100, \"v\": 13}", 0);
            d.send("k", "{\"ts\": 1200, \"v\": 2}", 0);
            d.send("k", "{\"ts\": 2000, \"v\": 3}", 0);
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON)).containsExactly("processing_error");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.DETAIL))
                    .isEqualTo("java.lang.IllegalStateException: thirteen (in m-v-f)");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"ts\": 1100, \"v\": 13}");
            AggregateRecord a = d.aggregates().stream().filter(r -> r.time() == 2000).findFirst().orElseThrow();
            assertThat(a.value()).isEqualTo(2.0); // the events 1 and 2: the failed update was rebuilt away
            assertThat(a.eventsSeen()).isEqualTo(2);
            assertThat(d.counters.eventsProcessed()).isEqualTo(3);
            assertThat(d.counters.deadLettersByReason()).isEqualTo(Map.of("processing_error", 1L));
            assertCountsAddUp(d);
        }
    }

    @Test
    void shouldDeadLetterAKeyLongerThanMaxKeyBytes() {
        try (MonitorDriver d = new MonitorDriver(spec("  max-key-bytes: 8"), MonitorDriver.testRegistry(), CLOCK)) {
            d.send("12345678", "{\"kind\": \"a\"}", 1000);
            d.send("123456789", "{\"kind\": \"a\"}", 1000);
            List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
            assertThat(dead).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON)).containsExactly("key_too_large");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.FIELD)).isEqualTo("(record key)");
            assertThat(MonitorDriver.header(dead.get(0), DeadLetterHeaders.DETAIL))
                    .isEqualTo("record key is 9 bytes, more than input.max-key-bytes 8");
            assertCountsAddUp(d);
        }
        try (MonitorDriver d = new MonitorDriver(spec("  key: {field: /id}"), MonitorDriver.testRegistry(), CLOCK)) {
            d.send(null, "{\"id\": \"" + "k".repeat(1025) + "\", \"kind\": \"a\"}", 1000);
            d.send(null, "{\"id\": \"" + "k".repeat(1024) + "\", \"kind\": \"a\"}", 1000);
            assertThat(d.deadLetters()).extracting(r -> MonitorDriver.header(r, DeadLetterHeaders.REASON))
                    .containsExactly("key_too_large");
            assertThat(d.counters.eventsProcessed()).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepKeysWithNulSurrogatesAndInvalidUtf8Distinct() {
        byte[][] keys = {
                "k".getBytes(StandardCharsets.UTF_8),
                "k\u0000c".getBytes(StandardCharsets.UTF_8),          // was k's categories record
                "k\u0000m".getBytes(StandardCharsets.UTF_8),          // was k's meta record
                {(byte) 0xFF}, {(byte) 0xFE},                         // invalid UTF-8: both were U+FFFD
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // an encoded lone surrogate
                {(byte) 0xED, (byte) 0xA0, (byte) 0x81},
                "\uFFFD".getBytes(StandardCharsets.UTF_8),
        };
        try (MonitorDriver d = new MonitorDriver(spec(""), MonitorDriver.testRegistry(), CLOCK)) {
            for (int i = 0; i < keys.length; i++) {
                d.sendRaw(keys[i], "{\"kind\": \"c" + i + "\"}", 1000);   // one category per key: entropy 0
                d.sendRaw(keys[i], "{\"kind\": \"c" + i + "\"}", 1000 + i);
            }
            d.sendRaw(keys[0], "{\"kind\": \"c0\"}", 2000);
            assertThat(d.deadLetters()).isEmpty();
            List<AggregateRecord> at1000 = d.aggregates().stream().filter(a -> a.time() == 2000).toList();
            assertThat(at1000).hasSize(keys.length);
            assertThat(at1000).allSatisfy(a -> {
                assertThat(a.value()).isEqualTo(0.0);
                assertThat(a.events()).isEqualTo(2);
            });
            Map<String, Long> byKey = at1000.stream().collect(Collectors.groupingBy(AggregateRecord::key, Collectors.counting()));
            assertThat(byKey).hasSize(keys.length);
        }
    }

    @Test
    void shouldMapCategoriesPastMaxCategoriesToTheOverflowSymbolAndCountThem() {
        try (MonitorDriver d = new MonitorDriver(spec("  time: {field: /ts}"), MonitorDriver.testRegistry(), CLOCK)) {
            String[] kinds = {"a", "b", "c", "d", "e", "a"}; // max-categories 3: d and e overflow into c's symbol
            for (int i = 0; i < kinds.length; i++) {
                d.send("k", "{\"ts\": " + (1000 + i) + ", \"kind\": \"" + kinds[i] + "\"}", 0);
            }
            d.send("k", "{\"ts\": 2000, \"kind\": \"a\"}", 0);
            assertThat(d.deadLetters()).isEmpty();
            AggregateRecord a = d.aggregates().stream().filter(r -> r.time() == 2000).findFirst().orElseThrow();
            assertThat(a.events()).isEqualTo(6);
            assertThat(a.overflowed()).isEqualTo(2L);
            // counts a:2, b:1, overflow (c, d, e):3
            double h = -(2 / 6.0 * Math.log(2 / 6.0) + 1 / 6.0 * Math.log(1 / 6.0) + 3 / 6.0 * Math.log(3 / 6.0)) / Math.log(2);
            assertThat(a.value()).isCloseTo(h, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(d.counters.categoriesOverflowed()).isEqualTo(2);
            assertThat(d.counters.eventsProcessed()).isEqualTo(7);
        }
    }
}
