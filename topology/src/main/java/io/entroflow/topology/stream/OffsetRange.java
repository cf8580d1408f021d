package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.Provenance;

import java.nio.charset.StandardCharsets;

/**
 * The provenance of a key's events since its last aggregate: the input topic, partition and the
 * offsets of the first and latest of those events. A new topic or partition restarts the range at
 * the event; after an aggregate the range is {@link #restart restarted} (the topic and partition are
 * kept: they are part of the journal's chunk header either way).
 *
 * <p>O(1) per event; the topic's UTF-8 bytes are encoded once per change of topic, not per event.
 * Mutable, confined to the processor's stream thread (not thread-safe).
 */
final class OffsetRange {
    private String topic = "";
    private byte[] topicBytes = new byte[0];
    private int partition = -1;
    private long from = -1;
    private long to = -1;

    /** Adds the event at {@code offset} of {@code topic}/{@code partition}. */
    void add(String topic, int partition, long offset) {
        if (from < 0 || !topic.equals(this.topic) || partition != this.partition) {
            from = offset;
        }
        setTopic(topic);
        this.partition = partition;
        to = offset;
    }

    /** True when no event was added since the last {@link #restart} (no events since the last aggregate). */
    boolean isEmpty() {
        return from < 0;
    }

    /** After an aggregate: the next event starts a new range. */
    void restart() {
        from = -1;
    }

    /** Restores a range read back from a chunk header. */
    void restore(String topic, int partition, long from, long to) {
        setTopic(topic);
        this.partition = partition;
        this.from = from;
        this.to = to;
    }

    /** The range as a wire {@link Provenance} (a new object), or null when no event arrived since the last aggregate. */
    Provenance provenance() {
        return from < 0 ? null : new Provenance(topic, partition, from, to);
    }

    String topic() {
        return topic;
    }

    /** The topic's UTF-8 bytes (shared: do not modify). */
    byte[] topicBytes() {
        return topicBytes;
    }

    int partition() {
        return partition;
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }

    private void setTopic(String t) {
        if (!t.equals(topic)) {
            topic = t;
            topicBytes = t.getBytes(StandardCharsets.UTF_8);
        }
    }
}
