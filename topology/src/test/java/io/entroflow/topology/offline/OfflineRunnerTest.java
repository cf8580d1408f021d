package io.entroflow.topology.offline;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.operator.OperatorRegistry;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.operator.StreamingOperator;
import io.entroflow.topology.stream.DeadLetterProcessingHandler;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorDriver;
import io.entroflow.topology.stream.MonitorTopology;
import io.entroflow.topology.stream.ProcessorGraph;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline runner drives the monitor's own processor graph: the same input gives the same
 * aggregates, alert events and dead letters (reasons, headers, bytes) as Kafka Streams'
 * {@code TopologyTestDriver} running {@link MonitorTopology#build}.
 */
class OfflineRunnerTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 3_600_000L), ZoneOffset.UTC);

    private static final String REKEYED = """
            monitor: m
            input:
              topics: [events]
              key: {field: /key}
              time: {field: /ts}
              lateness: 1s
            signals:
              - {name: kind, kind: categorical, field: /kind, max-categories: 4}
              - {name: v, kind: numeric, field: /v}
            operators:
              - {name: h, type: entropy, signal: kind, window: {count: 20}}
              - {name: p, type: probe, signal: v, window: {count: 5}}
              - {name: b, type: boom, signal: v, window: {count: 5}}
            aggregates: {interval: 1s}
            rules:
              - {name: low-entropy, operator: h, threshold: {below: 1.0, exit: 1.5}, min-events: 10, for: 2s}
              - {name: high-v, operator: p, threshold: {above: 50}, for: 1s, keep-firing-for: 3s}
            """;

    private static final String RECORD_KEYED = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
              lateness: 1s
            signals:
              - {name: kind, kind: categorical, field: /kind, max-categories: 4}
              - {name: v, kind: numeric, field: /v}
            operators:
              - {name: h, type: entropy, signal: kind, window: {count: 20}}
              - {name: b, type: boom, signal: v, window: {count: 5}}
            aggregates: {interval: 1s, expire-after: 5s}
            rules:
              - {name: low-entropy, operator: h, threshold: {below: 1.0, exit: 1.5}, min-events: 10, for: 2s}
            """;

    /** The test registry plus {@code boom}: throws on a value above 900 (a processing_error dead letter). */
    static OperatorRegistry registry() {
        return MonitorDriver.testRegistry().register("boom", c -> new StreamingOperator() {
            private long n;

            @Override
            public double update(long timeMillis, long[] inputs) {
                if (Double.longBitsToDouble(inputs[0]) > 900) {
                    throw new IllegalStateException("boom at " + timeMillis);
                }
                return ++n;
            }

            @Override
            public OperatorResult result() {
                return new OperatorResult(n, "events", 0, 0, n, Double.NaN, -1);
            }
        });
    }

    /** Output of either engine: topic, key, value, timestamp and headers of every record, as text. */
    private record Out(String topic, String key, String value, long timestamp, String headers) {
        static Out of(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
            StringBuilder h = new StringBuilder();
            if (headers != null) {
                for (Header x : headers) {
                    h.append(x.key()).append('=').append(x.value() == null ? "null" : new String(x.value(), StandardCharsets.UTF_8)).append(';');
                }
            }
            return new Out(topic, key == null ? null : Arrays.toString(key), value == null ? null
                    : new String(value, StandardCharsets.UTF_8), timestamp, h.toString());
        }
    }

    private record In(String key, String json, long timestamp) {
    }

    private static List<In> input(long seed, boolean withKeyInRecord) {
        Random r = new Random(seed);
        List<In> in = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < 3_000; i++) {
            t += r.nextInt(40);
            String key = "k" + r.nextInt(i < 1_500 ? 6 : 3);
            if (i % 250 >= 18 && i % 250 <= 20) {
                key = "q" + i / 250; // one category, then an event failing in the signals stage, then another
            }
            String kind = i > 1_000 && i < 2_000 && key.equals("k1") ? "a" : String.valueOf((char) ('a' + r.nextInt(4)));
            double v = i % 997 == 0 ? 950 : r.nextInt(100);
            long ts = i % 301 == 0 ? t - 5_000 : t; // late now and then
            String json = switch (i % 250) {
                case 7 -> "{not json";
                case 11 -> "{\"ts\": " + ts + ", \"key\": \"" + key + "\", \"v\": " + v + "}"; // missing kind
                case 13 -> "{\"ts\": \"soon\", \"key\": \"" + key + "\", \"kind\": \"a\", \"v\": 1}";
                case 17 -> "{\"ts\": " + (T0 + 86_400_000L * 3) + ", \"key\": \"" + key + "\", \"kind\": \"a\", \"v\": 1}";
                // a category over 65,535 UTF-8 bytes fails after the key's times moved a minute ahead: the
                // offline store holds times back, so it must restore them (else the next event is late)
                case 19 -> "{\"ts\": " + (ts + 60_000) + ", \"key\": \"" + key + "\", \"kind\": \"" + "x".repeat(70_000)
                        + "\", \"v\": 1}";
                default -> "{\"ts\": " + ts + ", \"key\": \"" + key + "\", \"kind\": \"" + kind + "\", \"v\": " + v + "}";
            };
            in.add(new In(withKeyInRecord ? key : null, json, t));
        }
        return in;
    }

    private static List<Out> viaTestDriver(String yaml, List<In> in) {
        List<Out> out = new ArrayList<>();
        try (MonitorDriver d = new MonitorDriver(yaml, registry(), CLOCK)) {
            for (In x : in) {
                d.send(x.key(), x.json(), x.timestamp());
            }
            var agg = JsonSerde.of(AggregateRecord.class).serializer();
            var alerts = JsonSerde.of(AlertRecord.class).serializer();
            d.aggregates().forEach(a -> out.add(new Out("aggregates", null, new String(agg.serialize("", a), StandardCharsets.UTF_8), 0, "")));
            d.alertEvents().forEach(a -> out.add(new Out("alert-events", null, new String(alerts.serialize("", a), StandardCharsets.UTF_8), 0, "")));
            for (TestRecord<byte[], byte[]> r : d.deadLetters()) {
                out.add(Out.of("dead-letter", r.key(), r.value(), r.timestamp(), r.headers()));
            }
        }
        return out;
    }

    private static List<Out> viaOfflineRunner(String yaml, List<In> in, MonitorCounters counters) {
        var plan = new io.entroflow.topology.plan.MonitorPlanner(registry()).plan("test",
                io.entroflow.schemas.spec.MonitorSpecLoader.parse("test", yaml));
        ProcessorGraph g = MonitorTopology.graph(plan, counters, MonitorTopology.Stage.RULES, CLOCK);
        List<Out> aggregates = new ArrayList<>();
        List<Out> alerts = new ArrayList<>();
        List<Out> dead = new ArrayList<>();
        var out = plan.spec().outputs();
        OfflineOutput sink = (topic, key, value, timestamp, headers) -> {
            if (topic.equals(out.aggregates())) {
                aggregates.add(new Out("aggregates", null, new String(value, StandardCharsets.UTF_8), 0, ""));
            } else if (topic.equals(out.alertEvents())) {
                alerts.add(new Out("alert-events", null, new String(value, StandardCharsets.UTF_8), 0, ""));
            } else if (topic.equals(out.deadLetter())) {
                dead.add(Out.of("dead-letter", key, value, timestamp, headers));
            }
        };
        Properties p = new Properties();
        DeadLetterProcessingHandler.configure(p, out.deadLetter(), counters);
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        @SuppressWarnings({"unchecked", "rawtypes"}) Map<String, Object> configs = (Map) p;
        handler.configure(configs);
        try (OfflineRunner runner = new OfflineRunner(g, 1, Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-m"),
                handler, sink)) {
            long offset = 0;
            for (In x : in) {
                runner.process(new OfflineRecord("events", 0, offset++, x.timestamp(),
                        x.key() == null ? null : x.key().getBytes(StandardCharsets.UTF_8),
                        x.json().getBytes(StandardCharsets.UTF_8), new RecordHeaders()));
            }
        }
        List<Out> all = new ArrayList<>(aggregates);
        all.addAll(alerts);
        all.addAll(dead);
        return all;
    }

    @Test
    void shouldGiveTheTestDriversOutputsForARekeyedSpecWithRulesAndBadRecords() {
        List<In> in = input(1, false);
        MonitorCounters counters = new MonitorCounters();
        List<Out> offline = viaOfflineRunner(REKEYED, in, counters);
        List<Out> ttd = viaTestDriver(REKEYED, in);
        assertThat(offline).filteredOn(o -> o.topic().equals("alert-events")).isNotEmpty();
        assertThat(offline).filteredOn(o -> o.headers().contains("processing_error")).isNotEmpty();
        assertThat(offline).filteredOn(o -> o.headers().contains("late")).isNotEmpty();
        assertThat(offline).filteredOn(o -> o.headers().contains("out_of_range")).isNotEmpty();
        assertThat(offline).containsExactlyInAnyOrderElementsOf(ttd);
        assertThat(counters.eventsIn()).isEqualTo(in.size());
        assertThat(counters.eventsIn()).isEqualTo(counters.eventsProcessed() + counters.eventsDeadLettered());
    }

    @Test
    void shouldGiveTheTestDriversOutputsInTheSameOrderForARecordKeyedSpec() {
        List<In> in = input(2, true);
        List<Out> offline = viaOfflineRunner(RECORD_KEYED, in, new MonitorCounters());
        assertThat(offline).filteredOn(o -> o.value() != null && o.value().contains("\"expired\"")).isNotEmpty();
        assertThat(offline).containsExactlyElementsOf(viaTestDriver(RECORD_KEYED, in));
    }

    private static final String QUIET = """
            monitor: m
            input:
              topics: [events]
              time: {field: /ts}
            signals:
              - {name: v, kind: numeric, field: /v}
            operators:
              - {name: p, type: probe, signal: v, window: {count: 1}}
            aggregates: {interval: 1s, expire-after: 20s}
            rules:
              - {name: high-v, operator: p, min-events: 1, threshold: {above: 50, exit: 30}, for: 2s, keep-firing-for: 3s}
              - {name: low-v, operator: p, min-events: 1, threshold: {below: 20}, keep-firing-for: 1s}
            """;

    /** Keys k0..k3 on and off in event time (k0 always on), each keeping its value for a while, so quiet keys' rule timers fire. */
    private static List<In> quietInput(long seed) {
        Random r = new Random(seed);
        double[] v = new double[4];
        List<In> in = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < 2_000; i++) {
            t += r.nextInt(150);
            int k = r.nextInt(4);
            if (k > 0 && ((t - T0) / (4_000L * k)) % 2 == 1) {
                continue;
            }
            if (r.nextInt(5) == 0) {
                v[k] = new double[] {10, 40, 60, 90}[r.nextInt(4)];
            }
            in.add(new In("k" + k, "{\"ts\": " + t + ", \"v\": " + v[k] + "}", t));
        }
        return in;
    }

    @Test
    void shouldFireQuietKeysRuleTimersAsTheTestDriverDoes() {
        List<In> in = quietInput(4);
        List<Out> offline = viaOfflineRunner(QUIET, in, new MonitorCounters());
        // a transition at a boundary where its key emitted nothing carries no input offsets: a timer fired it
        assertThat(offline).filteredOn(o -> o.topic().equals("alert-events") && !o.value().contains("\"input\""))
                .hasSizeGreaterThan(5);
        assertThat(offline).containsExactlyElementsOf(viaTestDriver(QUIET, in));
    }

    @Test
    void shouldBeDeterministic() {
        List<In> in = input(3, false);
        assertThat(viaOfflineRunner(REKEYED, in, new MonitorCounters()))
                .containsExactlyElementsOf(viaOfflineRunner(REKEYED, in, new MonitorCounters()));
    }

    @Test
    void shouldRefuseATopicTheGraphDoesNotReadAndANegativeTimestamp() {
        var plan = new io.entroflow.topology.plan.MonitorPlanner(registry()).plan("test",
                io.entroflow.schemas.spec.MonitorSpecLoader.parse("test", RECORD_KEYED));
        ProcessorGraph g = MonitorTopology.graph(plan, new MonitorCounters(), MonitorTopology.Stage.RULES, CLOCK);
        try (OfflineRunner runner = new OfflineRunner(g, 1, Map.of(), null, (t, k, v, ts, h) -> { })) {
            assertThat(runner.inputTopics()).containsExactly("events", plan.spec().aggregates().requests());
            assertThatThrownBy(() -> runner.process(new OfflineRecord("other", 0, 0, 1, null, new byte[0], null)))
                    .hasMessageContaining("'other'");
            assertThatThrownBy(() -> runner.process(new OfflineRecord("events", 0, 5, -1, null, new byte[0], null)))
                    .hasMessageContaining("events/0@5").hasMessageContaining("negative");
        }
    }
}
