package io.entroflow.topology.runtime;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The monitor's uncaught-exception handler: a failed stream thread is replaced
 * ({@code REPLACE_THREAD}) at most {@code maxReplacements} times for the same error (exception class
 * and message, causes included) within {@code window}; one more and the client shuts down
 * ({@code SHUTDOWN_CLIENT}, so Kafka Streams ends in ERROR and {@code run} exits with status 1) with
 * one line in the log naming the error, instead of replacing a thread on the same record forever
 * while the state says RUNNING. Records that fail their processor never get here (they are
 * dead-lettered, {@link io.entroflow.topology.stream.DeadLetterProcessingHandler}); this is for the rest
 * (a punctuator, a store, the broker refusing a commit). Thread-safe (stream threads call it).
 */
public final class ThreadReplacementPolicy implements StreamsUncaughtExceptionHandler {
    /** Default: at most 3 replacements for the same error ... */
    public static final int DEFAULT_MAX_REPLACEMENTS = 3;
    /** ... within 10 minutes. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacementPolicy.class);

    private final String monitor;
    private final int maxReplacements;
    private final long windowMillis;
    private final Clock clock;
    private final Deque<long[]> recent = new ArrayDeque<>(); // {time, error signature hash}
    private String lastLine = "";

    /**
     * @param maxReplacements replacements allowed for one error within {@code window}, &ge; 0
     * @param window          the window, &gt; 0
     */
    public ThreadReplacementPolicy(String monitor, int maxReplacements, Duration window, Clock clock) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements: must be >= 0, got " + maxReplacements);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window: must be > 0, got " + window);
        }
        this.monitor = monitor;
        this.maxReplacements = maxReplacements;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.millis();
        String signature = signature(exception);
        while (!recent.isEmpty() && recent.peekFirst()[0] <= now - windowMillis) {
            recent.pollFirst();
        }
        long hash = signature.hashCode();
        long same = recent.stream().filter(r -> r[1] == hash).count();
        if (same >= maxReplacements) {
            lastLine = "monitor '" + monitor + "' stopped: a stream thread failed " + (same + 1)
                    + " times within " + Duration.ofMillis(windowMillis).toMinutes() + " min with the same error: "
                    + signature;
            LOG.error(lastLine);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(new long[] {now, hash});
        LOG.error("stream thread failed, replacing it ({} of {} for this error within {}): {}", same + 1,
                maxReplacements, Duration.ofMillis(windowMillis), signature);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The one-line reason of the last shutdown, or empty. */
    public synchronized String shutdownReason() {
        return lastLine;
    }

    private static String signature(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null && b.length() < 400; c = c.getCause() == c ? null : c.getCause()) {
            if (b.length() > 0) {
                b.append(" <- ");
            }
            String m = c.getMessage() == null ? "" : c.getMessage().split("\n", 2)[0];
            b.append(c.getClass().getName()).append(m.isEmpty() ? "" : ": " + m);
        }
        return b.toString();
    }
}
