package io.entroflow.app.bench;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.schemas.spec.InputSpec;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The two plain Kafka Streams topologies the monitor is compared with; each counts the records it
 * writes into a counter the bench watches.
 */
public final class BaselineTopology {
    private BaselineTopology() {
    }

    /** Source &rarr; counting processor &rarr; sink to {@code output}: every record as it came. */
    public static Topology passthrough(String input, String output, AtomicLong written) {
        Topology t = new Topology();
        t.addSource("source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), input);
        t.addProcessor("count", () -> new Counting<byte[], byte[]>(written), "source");
        t.addSink("sink", output, new ByteArraySerializer(), new ByteArraySerializer(), "count");
        return t;
    }

    /**
     * Reads, parses and writes as a plain application would, with the monitor spec's input settings:
     * each value is parsed into a Jackson tree ({@code JsonSerde.MAPPER}, as the monitor's parser);
     * the key is the field {@code input.key.field} or the record key, the event time the field
     * {@code input.time.field} (epoch millis or ISO-8601) or the record timestamp. When the key comes
     * from a field, the records go through a Kafka Streams repartition topic keyed by it (the
     * monitor's re-key topic does the same work), then are written with their event time to
     * {@code output}. A value that is not a JSON object with those fields is written out unchanged
     * (the monitor dead-letters it; the bench's events have none).
     */
    public static Topology baseline(InputSpec in, String output, AtomicLong written) {
        JsonPointer keyField = in.key().fromField() ? JsonPointer.compile(in.key().field()) : null;
        JsonPointer timeField = in.time().fromField() ? JsonPointer.compile(in.time().field()) : null;
        StreamsBuilder b = new StreamsBuilder();
        KStream<byte[], byte[]> parsed = b.stream(in.topics(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .process(() -> new Parse(keyField, timeField));
        if (keyField != null) {
            parsed = parsed.repartition(Repartitioned.<byte[], byte[]>as("baseline-rekey")
                    .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.ByteArray()));
        }
        parsed.process(() -> new Counting<byte[], byte[]>(written))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return b.build();
    }

    /** Parses the value; forwards it with the key and event time it names (unchanged when it is not such an object). */
    private static final class Parse implements Processor<byte[], byte[], byte[], byte[]> {
        private final JsonPointer keyField;
        private final JsonPointer timeField;
        private ProcessorContext<byte[], byte[]> context;

        Parse(JsonPointer keyField, JsonPointer timeField) {
            this.keyField = keyField;
            this.timeField = timeField;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            Parsed p = Parsed.of(record.value(), keyField, timeField);
            Record<byte[], byte[]> out = record;
            if (p.key() != null) {
                out = out.withKey(p.key().getBytes(StandardCharsets.UTF_8));
            }
            if (p.time() >= 0) {
                out = out.withTimestamp(p.time());
            }
            context.forward(out);
        }
    }

    /** A parsed event: its key (null: the record key) and event time (-1: the record timestamp). */
    record Parsed(String key, long time) {
        static Parsed of(byte[] value, JsonPointer keyField, JsonPointer timeField) {
            if (value == null) {
                return new Parsed(null, -1);
            }
            JsonNode tree;
            try {
                tree = JsonSerde.MAPPER.readTree(value);
            } catch (IOException e) {
                return new Parsed(null, -1);
            }
            if (tree == null || !tree.isObject()) {
                return new Parsed(null, -1);
            }
            String key = keyField == null ? null : tree.at(keyField).asText(null);
            long time = -1;
            if (timeField != null) {
                JsonNode t = tree.at(timeField);
                if (t.isNumber()) {
                    time = t.asLong();
                } else if (t.isTextual()) {
                    try {
                        time = Instant.parse(t.asText()).toEpochMilli();
                    } catch (java.time.DateTimeException e) {
                        time = -1;
                    }
                }
            }
            return new Parsed(key, time);
        }
    }

    /** Forwards every record and counts it. */
    private static final class Counting<K, V> implements Processor<K, V, K, V> {
        private final AtomicLong written;
        private ProcessorContext<K, V> context;

        Counting(AtomicLong written) {
            this.written = written;
        }

        @Override
        public void init(ProcessorContext<K, V> context) {
            this.context = context;
        }

        @Override
        public void process(Record<K, V> record) {
            context.forward(record);
            written.incrementAndGet();
        }
    }
}
