package io.entroflow.topology.route;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.entroflow.schemas.wire.AlertRecord;

/**
 * A record of the router's internal input topic: an alert transition of one partition of the
 * monitor, or (alert absent) a heartbeat, each with that partition's stream time. The router's
 * clock (its watermark) is the least stream time over the partitions, so it flushes a group only
 * once every partition has passed the flush time.
 *
 * @param partition  the monitor's partition (task) that sent it
 * @param streamTime that task's stream time when it sent it, epoch millis
 * @param alert      the alert transition, or null for a heartbeat
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteInput(int partition, @JsonProperty("stream_time") long streamTime, AlertRecord alert) {
}
