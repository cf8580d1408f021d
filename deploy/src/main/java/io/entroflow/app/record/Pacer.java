package io.entroflow.app.record;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * When to send each replayed record: the origin is a timestamp t<sub>0</sub> (the smallest one to
 * replay, see {@link #start}; by default the first record's) at the clock's w<sub>0</sub>; a record
 * with timestamp t is due at w<sub>0</sub> + (t &minus; t<sub>0</sub>) / speed. A record whose
 * due time has passed (it is older than records already sent: partitions recorded in chunks) goes at
 * once, as does every record at speed {@code max}. The delay is recomputed from the clock on every call, so waiting in slices does not
 * drift. Single-threaded.
 */
final class Pacer {
    private final double speed;
    private final LongSupplier nanoClock;
    private boolean started;
    private long originTimestamp;
    private long originNanos;

    /**
     * @param speed     recorded milliseconds per wall millisecond, &gt; 0; {@code +Infinity} for no pacing
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    Pacer(double speed, LongSupplier nanoClock) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed: must be > 0, got " + speed);
        }
        this.speed = speed;
        this.nanoClock = nanoClock;
    }

    /** Parses {@code --speed}: a positive number (1 = as recorded, 10 = ten times faster) or {@code max}. */
    static double parseSpeed(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.endsWith("x")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double s = Double.parseDouble(t);
            if (s > 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("--speed: expected a positive number (1 = as recorded, 10 = ten times"
                + " faster) or 'max', got '" + text + "'");
    }

    /** Fixes the origin: {@code originTimestamp} is due now. */
    void start(long originTimestamp) {
        started = true;
        originTimestamp = Math.max(0, originTimestamp);
        this.originTimestamp = originTimestamp;
        this.originNanos = nanoClock.getAsLong();
    }

    /** True when records are paced (speed is not {@code max}). */
    boolean paced() {
        return !Double.isInfinite(speed);
    }

    /**
     * Nanoseconds to wait before sending a record with timestamp {@code timestampMillis} (0: send
     * now). The first call starts the clock. Records without a timestamp (negative) are never delayed.
     */
    long delayNanos(long timestampMillis) {
        if (Double.isInfinite(speed) || timestampMillis < 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (!started) {
            started = true;
            originTimestamp = timestampMillis;
            originNanos = now;
            return 0;
        }
        long recordedMillis = timestampMillis - originTimestamp;
        if (recordedMillis <= 0) {
            return 0;
        }
        long due = originNanos + (long) (recordedMillis * 1e6 / speed);
        return Math.max(0, due - now);
    }
}
