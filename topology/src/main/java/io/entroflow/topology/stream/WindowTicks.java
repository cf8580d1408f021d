package io.entroflow.topology.stream;

import java.util.Arrays;

/**
 * The interval boundaries at which a key's time window changes, from its journalled event times:
 * an event at time t is in the window at boundary b = tick &middot; interval when
 * b &minus; span &lt; t &lt; b, i.e. from tick {@code floor(t / interval) + 1} (it enters) up to,
 * not including, tick {@code ceil((t + span) / interval)} (it leaves). Events that are never in the
 * window (span shorter than the gap to the next boundary) count nowhere.
 *
 * <p>Built in O(n log n) for n event times; {@link #count} and {@link #next} are O(log n). Immutable.
 */
final class WindowTicks {
    private final long[] enter;
    private final long[] leave;

    /**
     * @param times          the key's journalled event times (any order)
     * @param spanMillis     the time window's span, &gt; 0
     * @param intervalMillis the aggregate interval, &gt; 0
     */
    WindowTicks(long[] times, long spanMillis, long intervalMillis) {
        long[] in = new long[times.length];
        long[] out = new long[times.length];
        int n = 0;
        for (long t : times) {
            long e = Math.floorDiv(t, intervalMillis) + 1;
            long l = -Math.floorDiv(-(t + spanMillis), intervalMillis); // ceil
            if (e < l) {
                in[n] = e;
                out[n++] = l;
            }
        }
        enter = Arrays.copyOf(in, n);
        leave = Arrays.copyOf(out, n);
        Arrays.sort(enter);
        Arrays.sort(leave);
    }

    /** Events in the window at boundary {@code tick}: entered at or before it and not left. */
    long count(long tick) {
        return atOrBefore(enter, tick) - atOrBefore(leave, tick);
    }

    /** The first tick after {@code tick} at which an event enters or leaves, or {@code Long.MAX_VALUE}. */
    long next(long tick) {
        return Math.min(after(enter, tick), after(leave, tick));
    }

    /** Elements of sorted {@code a} that are &le; {@code x}. */
    private static int atOrBefore(long[] a, long x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long after(long[] a, long x) {
        int i = atOrBefore(a, x);
        return i < a.length ? a[i] : Long.MAX_VALUE;
    }
}
