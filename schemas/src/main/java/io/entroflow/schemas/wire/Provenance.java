package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a result came from: input topic and partition, and the offset range of the input events
 * it covers in that partition.
 */
public record Provenance(String topic, int partition, @JsonProperty("offset_from") long offsetFrom,
                         @JsonProperty("offset_to") long offsetTo) {
}
