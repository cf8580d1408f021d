package io.entroflow.operators.window;

import java.time.Duration;

/**
 * Which events an operator's value is computed over, and with what weight. Immutable,
 * validated at construction.
 *
 * <ul>
 *   <li>{@link Count}: the last N events, each with weight 1.</li>
 *   <li>{@link Time}: events whose event time lies in (T&minus;span, T], T the largest event time
 *       seen (stream time). Events up to {@code lateness} behind T are placed by their time;
 *       older ones are rejected with reason {@code late}.</li>
 *   <li>{@link Decay}: every event ever seen, weighted 2<sup>&minus;age/halfLife</sup>, age in
 *       events or in event time.</li>
 *   <li>{@link Cumulative}: every event ever seen, weight 1. States over disjoint data merge.</li>
 * </ul>
 */
public sealed interface Window permits Window.Count, Window.Time, Window.Decay, Window.Cumulative {

    /** The last {@code size} events. */
    static Count count(int size) {
        return new Count(size);
    }

    /** Events in the last {@code span} of event time, accepting events up to {@code lateness} out of order. */
    static Time time(Duration span, Duration lateness) {
        return new Time(span.toMillis(), lateness.toMillis());
    }

    /** Exponential decay with a half-life counted in events. */
    static Decay decayEvents(double halfLifeEvents) {
        return new Decay(halfLifeEvents, DecayClock.EVENTS);
    }

    /** Exponential decay with a half-life in event time. */
    static Decay decayTime(Duration halfLife) {
        return new Decay(halfLife.toMillis(), DecayClock.EVENT_TIME);
    }

    /** All history. */
    static Cumulative cumulative() {
        return new Cumulative();
    }

    /** A short description for logs and outputs, e.g. {@code count(1000)}. */
    String describe();

    /** Sliding count window of the last {@code size} events, 1 &le; size &le; 2<sup>30</sup>. */
    record Count(int size) implements Window {
        public Count {
            if (size < 1 || size > (1 << 30)) {
                throw new IllegalArgumentException("window.count: must be between 1 and 2^30, got " + size);
            }
        }

        @Override
        public String describe() {
            return "count(" + size + ")";
        }
    }

    /**
     * Sliding event-time window.
     *
     * @param spanMillis     window length in milliseconds of event time, &gt; 0
     * @param latenessMillis how far behind stream time an event may arrive and still be placed, &ge; 0
     */
    record Time(long spanMillis, long latenessMillis) implements Window {
        public Time {
            if (spanMillis <= 0) {
                throw new IllegalArgumentException("window.span: must be > 0 ms, got " + spanMillis);
            }
            if (latenessMillis < 0) {
                throw new IllegalArgumentException("window.lateness: must be >= 0 ms, got " + latenessMillis);
            }
        }

        @Override
        public String describe() {
            return "time(" + spanMillis + "ms, lateness " + latenessMillis + "ms)";
        }
    }

    /**
     * Exponential decay. A symbol whose weight has decayed below the smallest normal double
     * relative to a fresh event (about 1,000 half-lives without an occurrence) leaves the window:
     * its weight is set to 0 and it no longer counts in the support.
     *
     * @param halfLife half-life, &gt; 0: in events for {@link DecayClock#EVENTS}, in milliseconds for
     *                 {@link DecayClock#EVENT_TIME}
     * @param clock    what age is measured in
     */
    record Decay(double halfLife, DecayClock clock) implements Window {
        public Decay {
            if (!(halfLife > 0) || !Double.isFinite(halfLife)) {
                throw new IllegalArgumentException("window.halfLife: must be finite and > 0, got " + halfLife);
            }
            if (clock == null) {
                throw new IllegalArgumentException("window.clock: must be events or event-time, got null");
            }
        }

        @Override
        public String describe() {
            return "decay(half-life " + halfLife + (clock == DecayClock.EVENTS ? " events)" : " ms)");
        }
    }

    /** All history, weight 1 per event. */
    record Cumulative() implements Window {
        @Override
        public String describe() {
            return "cumulative";
        }
    }

    /** What the age of an event is measured in, for {@link Decay}. */
    enum DecayClock {
        /** Number of events since. */
        EVENTS,
        /** Event time since, in milliseconds. */
        EVENT_TIME
    }
}
