package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An operator's window: exactly one of {@code count} (the last N events of the key), {@code time}
 * (events within a span of event time, e.g. {@code 30s}), {@code decay} (every event, weighted
 * 2<sup>&minus;age/half-life</sup>, the half-life in events or event time) or {@code cumulative: true}
 * (all history).
 *
 * @param count      events of a count window, or null
 * @param time       span of a time window, or null
 * @param decay      a decay window, or null
 * @param cumulative true for a cumulative window, else null
 */
public record WindowSpec(Integer count, String time, Decay decay, Boolean cumulative) {
    /** True for a count window. */
    public boolean isCount() {
        return count != null;
    }

    /** True for a time window. */
    public boolean isTime() {
        return time != null;
    }

    /** True for a cumulative window. */
    public boolean isCumulative() {
        return Boolean.TRUE.equals(cumulative);
    }

    /** The time window's span in milliseconds. */
    public long spanMillis(SpecPath path) {
        return Durations.parseMillis(path.field("time"), time);
    }

    /**
     * A decay window.
     *
     * @param halfLife a number of events (&gt; 0), or a duration string of event time ({@code 30s})
     */
    public record Decay(@JsonProperty("half-life") JsonNode halfLife) {
        /** True when the half-life is a duration of event time rather than a number of events. */
        public boolean inEventTime() {
            return halfLife != null && halfLife.isTextual();
        }

        /** The half-life in events. @throws SpecPathException unless a finite number &gt; 0 */
        public double halfLifeEvents(SpecPath path) {
            double h = halfLife == null || !halfLife.isNumber() ? Double.NaN : halfLife.asDouble();
            if (!(h > 0) || Double.isInfinite(h)) {
                throw new SpecPathException(path.field("half-life"), "must be a number of events > 0 or a duration "
                        + "like 30s, got " + halfLife);
            }
            return h;
        }

        /** The half-life in milliseconds of event time. @throws SpecPathException unless a duration &gt; 0 */
        public long halfLifeMillis(SpecPath path) {
            long ms = Durations.parseMillis(path.field("half-life"), halfLife.asText());
            if (ms <= 0) {
                throw new SpecPathException(path.field("half-life"), "must be > 0, got '" + halfLife.asText() + "'");
            }
            return ms;
        }
    }
}
