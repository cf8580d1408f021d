package io.entroflow.app.record;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/**
 * A checkpoint document of a recording: for every partition the recorder was assigned, the next
 * offset to record (every committed record below it is in the queue before the checkpoint), and
 * when it was written (epoch ms).
 */
public record Checkpoint(long writtenAtMillis, Map<TopicPartition, Long> nextOffsets) {
    public Checkpoint {
        nextOffsets = Map.copyOf(nextOffsets);
    }
}
