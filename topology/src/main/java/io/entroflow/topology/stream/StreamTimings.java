package io.entroflow.topology.stream;

/**
 * Where the stream threads report how long their work takes (the app records into HdrHistogram
 * recorders and exports percentiles; the topology knows nothing of metrics libraries). Handed to
 * the topology with the {@link MonitorCounters}; {@link #NONE} when nobody listens.
 *
 * <p>Processors ask for their {@link Timer} once, when they are created; per event they then only
 * call {@link Timer#record}, which implementations must keep wait-free and allocation-free (it
 * runs on the stream threads, once per event and operator). Measured:
 * <ul>
 *   <li>operator update time: {@code System.nanoTime()} around one event's operator update and its
 *       journal write (the per-event cost of one operator, store put included), every event;</li>
 *   <li>event-to-alert latency: from the start of the processing of the input record at the signals
 *       stage to the alert transition it caused being handed to the sinks, on the same stream
 *       thread; a transition from a stream-time punctuation counts from the start of the record whose
 *       stream-time advance ran it. Queueing before and the commit after are not included
 *       (the app's output-latency probe measures those).</li>
 * </ul>
 */
public interface StreamTimings {
    /** Receives durations in nanoseconds; implementations are wait-free and may be called from any thread. */
    @FunctionalInterface
    interface Timer {
        /** One duration in nanoseconds. */
        void record(long nanos);
    }

    /** A timer that drops everything. */
    Timer DISCARD = nanos -> { };

    /** Nobody listens: {@link #timed()} is false and the stream threads take no time stamps. */
    StreamTimings NONE = new StreamTimings() {
        @Override
        public Timer operatorUpdate(String operator) {
            return DISCARD;
        }

        @Override
        public Timer eventToAlert(String rule) {
            return DISCARD;
        }

        @Override
        public boolean timed() {
            return false;
        }
    };

    /** The timer of one spec operator's updates (asked once per processor instance). */
    Timer operatorUpdate(String operator);

    /** The timer of one rule's event-to-alert latency (asked once per processor instance). */
    Timer eventToAlert(String rule);

    /** Whether anything is measured (false: the stream threads skip {@code System.nanoTime()}). */
    default boolean timed() {
        return true;
    }
}
