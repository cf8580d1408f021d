package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One operator's value for one key at one aggregate instant (schema {@code /schemas/aggregate.schema.json}).
 *
 * @param monitor     monitor name
 * @param key         event key
 * @param operator    operator name
 * @param type        operator type
 * @param signals     input signals
 * @param time        the aggregate's event time (a multiple of the interval), epoch millis
 * @param value       the operator's value over its window
 * @param unit        {@code bits}, {@code nats} or another label the operator reports
 * @param windowStart earliest event time in the window, epoch millis
 * @param windowEnd   latest event time seen, epoch millis
 * @param events      events in the window
 * @param eventsSeen  events of this key the operator has admitted in total
 * @param pValue      significance of the value where the operator computes one, else absent
 * @param regime      the operator's current regime (HMM-like operators), else absent
 * @param provenance  input topic, partition and offset range of the events since the previous aggregate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregateRecord(String monitor, String key, String operator, String type, List<String> signals,
                              long time, double value, String unit,
                              @JsonProperty("window_start") long windowStart,
                              @JsonProperty("window_end") long windowEnd,
                              long events, @JsonProperty("events_seen") long eventsSeen,
                              @JsonProperty("p_value") Double pValue, Integer regime, Provenance provenance) {
}
