package io.entroflow.app.backtest;

import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.offline.RecordClock;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.MonitorPlanner;
import io.entroflow.topology.stream.MonitorDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backtest dead-letters exactly what the live monitor's topology dead-letters (Kafka Streams'
 * {@code TopologyTestDriver} on {@code MonitorTopology.build}), with the same reasons, fields,
 * details, source positions, timestamps, keys and values.
 */
class BacktestDeadLettersTest {
    private static final long T0 = 1_800_000_000_000L;
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
            rules:
              - {name: low, operator: h, threshold: {below: 0.5}, min-events: 3}
            """;

    @TempDir
    Path dir;

    @Test
    void shouldDeadLetterTheSameRecordsAsTheLiveTopology() throws Exception {
        List<String> lines = List.of(
                "{\"key\":\"k\",\"ts\": " + T0 + ", \"kind\": \"a\", \"amount\": 1}",
                "[1, 2]",                                                                   // not an object
                "{\"key\":\"k\",\"ts\": " + (T0 + 1) + ", \"amount\": 1}",                   // missing kind
                "{\"key\":\"k\",\"ts\": " + (T0 + 2) + ", \"kind\": \"a\", \"amount\": \"x\"}", // wrong type
                "{\"key\":\"k\",\"ts\": " + (T0 + 3) + ", \"kind\": \"a\", \"amount\": NaN}",   // not finite
                "{\"key\":\"k\",\"ts\": -5, \"kind\": \"a\", \"amount\": 1}",                // time out of range
                "{\"key\":\"k\",\"ts\": " + (T0 - 5_000) + ", \"kind\": \"a\", \"amount\": 1}", // late
                "{\"ts\": " + (T0 + 4) + ", \"kind\": \"a\", \"amount\": 1}",                // no key
                "{\"key\":\"k\",\"ts\": " + (T0 + 5) + ", \"kind\": \"b\", \"amount\": 1}",
                "{\"key\":\"k\",\"ts\": " + (T0 + 7_200_000) + ", \"kind\": \"c\", \"amount\": 1}", // 2 h in the future
                "{\"key\":\"k\",\"ts\": \"2027-01-15T08:00:00Z\", \"kind\": \"d\", \"amount\": 1}"); // 4th category, ISO
        Path file = dir.resolve("in.jsonl");
        Files.write(file, lines);
        MonitorPlan plan = new MonitorPlanner(OperatorRegistry.standard()).plan("test", MonitorSpecLoader.parse("test", SPEC));
        Path out = dir.resolve("out");
        try (JsonLinesInput in = new JsonLinesInput(file, plan)) {
            new Backtest(plan, List.of()).run(in, out, n -> { });
        }
        List<String> backtest = Files.readAllLines(out.resolve("dead-letter.jsonl"));

        // the live topology, fed the same records: key from the line's key field, timestamp and clock as the backtest's
        List<String> live = new ArrayList<>();
        List<TestRecord<byte[], byte[]>> dead = new ArrayList<>();
        RecordClock clock = new RecordClock();
        try (MonitorDriver d = new MonitorDriver(SPEC, OperatorRegistry.standard(), clock)) {
            long previous = 0;
            for (String line : lines) {
                var tree = JsonSerde.MAPPER.readTree(line.replace("NaN", "0"));
                var ts = tree.path("ts");
                long timestamp = ts.isNumber() && ts.asLong() >= 0 ? ts.asLong()
                        : ts.isTextual() ? Instant.parse(ts.asText()).toEpochMilli() : previous;
                previous = timestamp;
                clock.set(timestamp);
                d.send(tree.has("key") ? tree.get("key").asText() : null, line, timestamp);
            }
            dead.addAll(d.deadLetters());
        }
        for (TestRecord<byte[], byte[]> r : dead) {
            live.add(JsonSerde.MAPPER.writeValueAsString(BacktestOutputs.deadLetter(r.key(), r.value(), r.timestamp(), r.headers())));
        }
        assertThat(backtest).hasSize(8); // 7 bad records, and a late one after the 2 h jump
        assertThat(backtest).containsExactlyElementsOf(live);
    }
}
