package io.entroflow.topology.stream;

import io.entroflow.operators.Theories;
import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Generated bad input (issue 17, item 6): streams mixing good events with every kind of bad record
 * ({@link BadRecords}) through the whole monitor, keyed by the record key and by a field (re-key
 * path). Whatever arrives, every record ends processed or dead-lettered exactly once (events in =
 * processed + dead-lettered = the records sent; one dead letter per dead-lettered record, each with a
 * reason and its own source offset), the copies of a repeated poison record all end alike, and the
 * monitor goes on: a good event sent after the stream is processed.
 */
class BadInputProperties {
    private static final long NOW = 1_800_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private static String spec(boolean keyFromField) {
        return """
                monitor: bad
                input:
                  topics: [events]
                %s  time: {field: /ts}
                  lateness: 1s
                signals:
                  - {name: kind, kind: categorical, field: /kind, max-categories: 4}
                  - {name: amount, kind: numeric, field: /amount, symbolize: {method: bins, bins: 4, min: 0, max: 100}}
                operators:
                  - {name: h, type: entropy, signal: kind, window: {count: 8}}
                  - {name: d, type: entropy, signal: amount, window: {decay: {half-life: 16}}}
                  - {name: t, type: entropy, signal: kind, window: {time: 5s}}
                aggregates: {interval: 1s}
                rules:
                  - {name: low, operator: h, threshold: {below: 0.5}}
                """.formatted(keyFromField ? "  key: {field: /user}\n" : "");
    }

    @Test
    void everyRecordIsProcessedOrDeadLetteredExactlyOnceAndTheMonitorGoesOn() {
        Gen<List<Long>> streams = Theories.lists(longs().all(), 1, 30);
        Theories.qt(15).forAll(Theories.bools(), streams).checkAssert((keyFromField, seeds) -> {
            List<BadRecords.Input> records = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                records.addAll(BadRecords.draw(new SplittableRandom(seeds.get(i)), NOW + i * 100L));
            }
            try (MonitorDriver d = new MonitorDriver(spec(keyFromField), MonitorDriver.testRegistry(), CLOCK)) {
                TestInputTopic<byte[], byte[]> in = d.driver.createInputTopic("events", new ByteArraySerializer(),
                        new ByteArraySerializer());
                for (BadRecords.Input r : records) {
                    in.pipeInput(new TestRecord<>(r.key(), r.value(), Instant.ofEpochMilli(r.timestamp())));
                }
                List<TestRecord<byte[], byte[]>> dead = d.deadLetters();
                assertThat(d.counters.eventsIn()).isEqualTo(records.size());
                assertThat(d.counters.eventsProcessed() + d.counters.eventsDeadLettered()).isEqualTo(records.size());
                assertThat(dead).hasSize((int) d.counters.eventsDeadLettered());
                Set<Long> offsets = new HashSet<>();
                Set<String> poisonReasons = new HashSet<>();
                for (TestRecord<byte[], byte[]> r : dead) {
                    String reason = MonitorDriver.header(r, DeadLetterHeaders.REASON);
                    assertThat(reason).isNotBlank();
                    long offset = Long.parseLong(MonitorDriver.header(r, DeadLetterHeaders.SOURCE_OFFSET));
                    assertThat(offsets.add(offset)).as("one dead letter per record, offset %d", offset).isTrue();
                    BadRecords.Input source = records.get((int) offset);
                    if (!Arrays.equals(r.value(), source.value())) {
                        // dead-lettered after parsing (late): the parsed event, naming its source offset
                        assertThat(json(r.value()).path("offset").asLong()).isEqualTo(offset);
                    } else if (!keyFromField) {
                        assertThat(r.key()).isEqualTo(source.key());
                    }
                    if (source.kind() == BadRecords.Kind.POISON_REPEATED) {
                        poisonReasons.add(reason);
                    }
                }
                for (int i = 0; i < records.size(); i++) {
                    if (records.get(i).kind().alwaysDeadLettered()) {
                        assertThat(offsets).as("%s at offset %d", records.get(i).kind(), i).contains((long) i);
                    }
                }
                assertThat(poisonReasons).as("every copy of the poison record ends alike").hasSizeLessThanOrEqualTo(1);

                long processed = d.counters.eventsProcessed();
                String good = "{\"ts\": " + (NOW + 3_600_000L) + ", \"user\": \"after\", \"kind\": \"a\", \"amount\": 5}";
                in.pipeInput(new TestRecord<>("after".getBytes(StandardCharsets.UTF_8),
                        good.getBytes(StandardCharsets.UTF_8), Instant.ofEpochMilli(NOW)));
                assertThat(d.counters.eventsProcessed()).as("the monitor goes on").isEqualTo(processed + 1);
            }
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode json(byte[] bytes) {
        try {
            return JsonSerde.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
