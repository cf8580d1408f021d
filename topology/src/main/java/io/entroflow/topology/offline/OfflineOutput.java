package io.entroflow.topology.offline;

import org.apache.kafka.common.header.Headers;

/** Receives every record an {@link OfflineRunner} writes to a topic that is not internal, serialized, in order. */
@FunctionalInterface
public interface OfflineOutput {
    void write(String topic, byte[] key, byte[] value, long timestamp, Headers headers);
}
