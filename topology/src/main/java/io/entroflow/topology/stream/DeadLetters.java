package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.DeadLetterHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;

/** Builds dead-letter records: the original key and value with the reason headers added. */
final class DeadLetters {
    private DeadLetters() {
    }

    static Record<byte[], byte[]> record(byte[] key, byte[] value, long timestamp, Headers original, BadEvent bad,
                                         String topic, int partition, long offset) {
        Headers h = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0] : original.toArray());
        put(h, DeadLetterHeaders.REASON, bad.reason());
        put(h, DeadLetterHeaders.FIELD, bad.field() == null ? "" : bad.field());
        put(h, DeadLetterHeaders.DETAIL, bad.detail() == null ? "" : bad.detail());
        put(h, DeadLetterHeaders.SOURCE_TOPIC, topic == null ? "" : topic);
        put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition));
        put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset));
        return new Record<>(key, value, Math.max(0, timestamp), h);
    }

    private static void put(Headers h, String name, String value) {
        h.remove(name);
        h.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
