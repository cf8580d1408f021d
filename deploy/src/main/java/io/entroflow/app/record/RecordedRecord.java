package io.entroflow.app.record;

import org.apache.kafka.common.record.TimestampType;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One Kafka record as it was recorded: where it came from (topic, partition, offset), its
 * timestamp and timestamp type, its headers, key and value. A null key or value is kept distinct
 * from an empty one. Byte arrays are compared by content.
 *
 * @param timestamp epoch milliseconds, or -1 with {@link TimestampType#NO_TIMESTAMP_TYPE}
 * @param key       the key bytes, or null
 * @param value     the value bytes, or null (a tombstone)
 */
public record RecordedRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                             List<RecordedHeader> headers, byte[] key, byte[] value) {

    public RecordedRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestampType, "timestampType");
        headers = List.copyOf(headers);
        if (partition < 0) {
            throw new IllegalArgumentException("partition: must be >= 0, got " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: must be >= 0, got " + offset);
        }
    }

    /** Key plus value bytes (what {@code replay} reports as bytes). */
    public long payloadBytes() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRecord r && topic.equals(r.topic) && partition == r.partition && offset == r.offset
                && timestamp == r.timestamp && timestampType == r.timestampType && headers.equals(r.headers)
                && Arrays.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, timestampType, headers)
                + 31 * Arrays.hashCode(key) + 961 * Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset + " ts=" + timestamp + " (" + timestampType + ") key="
                + RecordedHeader.show(key) + " value=" + RecordedHeader.show(value) + " headers=" + headers;
    }
}
