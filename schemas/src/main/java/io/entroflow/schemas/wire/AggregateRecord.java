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
 * @param time        the aggregate's event time, epoch millis: a multiple of the interval, or for an answer to
 *                    a request the task's stream time when the request was read
 * @param value       the operator's value over its window
 * @param unit        {@code bits}, {@code nats} or another label the operator reports
 * @param windowStart earliest event time in the window, epoch millis
 * @param windowEnd   latest event time seen, epoch millis
 * @param events      events in the window
 * @param eventsSeen  events of this key the operator has admitted in total
 * @param pValue      significance of the value where the operator computes one, else absent
 * @param regime      the operator's current regime (HMM-like operators), else absent
 * @param provenance  input topic, partition and offset range of the events since the previous interval aggregate
 * @param trigger     {@link #INTERVAL} (a closed interval of stream time), {@link #REQUEST} (an on-demand request)
 *                    or {@link #EXPIRED} (the key's last aggregate before its state is forgotten)
 * @param overflowed  events of this key, of all the operator has admitted, whose value of an open categorical
 *                    signal was past the signal's {@code max-categories} and mapped to its overflow symbol; absent
 *                    when none
 * @param warmingUp   true while the operator's window holds fewer events than it needs (a count window not yet
 *                    full, fewer than the documented minimum for other windows): rules do not fire on it; absent
 *                    otherwise
 * @param detections  what the conformal and change-point rules on this operator computed from this aggregate for
 *                    this key (one per rule, in spec order: p-value or statistic, warming up, FDR level); set by
 *                    the rules stage, absent when the operator has no such rule
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregateRecord(String monitor, String key, String operator, String type, List<String> signals,
                              long time, double value, String unit,
                              @JsonProperty("window_start") long windowStart,
                              @JsonProperty("window_end") long windowEnd,
                              long events, @JsonProperty("events_seen") long eventsSeen,
                              @JsonProperty("p_value") Double pValue, Integer regime, Provenance provenance,
                              String trigger, Long overflowed,
                              @JsonProperty("warming_up") Boolean warmingUp,
                              List<AlertRecord.Detection> detections) {
    /** Trigger of an aggregate emitted at the end of an interval of stream time. */
    public static final String INTERVAL = "interval";
    /** Trigger of an aggregate emitted in answer to an on-demand request. */
    public static final String REQUEST = "request";
    /** Trigger of a key's last aggregate, at the interval boundary where it expired ({@code aggregates.expire-after}). */
    public static final String EXPIRED = "expired";

    /** An aggregate without overflowed categories. */
    public AggregateRecord(String monitor, String key, String operator, String type, List<String> signals, long time,
                           double value, String unit, long windowStart, long windowEnd, long events, long eventsSeen,
                           Double pValue, Integer regime, Provenance provenance, String trigger) {
        this(monitor, key, operator, type, signals, time, value, unit, windowStart, windowEnd, events, eventsSeen,
                pValue, regime, provenance, trigger, null, null, null);
    }

    /** An aggregate as the operator stage makes it: no detections yet. */
    public AggregateRecord(String monitor, String key, String operator, String type, List<String> signals, long time,
                           double value, String unit, long windowStart, long windowEnd, long events, long eventsSeen,
                           Double pValue, Integer regime, Provenance provenance, String trigger, Long overflowed) {
        this(monitor, key, operator, type, signals, time, value, unit, windowStart, windowEnd, events, eventsSeen,
                pValue, regime, provenance, trigger, overflowed, null, null);
    }

    /** True while the operator's window holds too few events for its value to count ({@link #warmingUp}). */
    public boolean isWarmingUp() {
        return Boolean.TRUE.equals(warmingUp);
    }

    /** This aggregate with the rules' detections (the rules stage's output). */
    public AggregateRecord withDetections(List<AlertRecord.Detection> detections) {
        return new AggregateRecord(monitor, key, operator, type, signals, time, value, unit, windowStart, windowEnd,
                events, eventsSeen, pValue, regime, provenance, trigger, overflowed, warmingUp, detections);
    }
}
