package io.entroflow.topology.offline;

import org.apache.kafka.common.header.Headers;

/**
 * One input record for an {@link OfflineRunner}, as a consumer would see it.
 *
 * @param timestamp the record's timestamp (epoch ms, &ge; 0)
 * @param headers   the record's headers (the runner hands them to the processors as they are), or null: none
 */
public record OfflineRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
                            Headers headers) {
}
