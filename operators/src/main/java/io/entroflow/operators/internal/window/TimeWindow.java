package io.entroflow.operators.internal.window;

import io.entroflow.operators.RejectedEventException;

/**
 * Events in (T&minus;span, T]: a growable ring kept sorted by event time; a late event is
 * shifted into place from the newest end.
 */
final class TimeWindow extends EventWindow {
    private final long span;
    private final long lateness;
    private long[] payloads = new long[64];
    private long[] times = new long[64];
    private int head;   // index of the oldest
    private int size;

    TimeWindow(long span, long lateness) {
        this.span = span;
        this.lateness = lateness;
    }

    @Override
    void checkAdmissible(long timeMillis) {
        long now = streamTime();
        if (now != Long.MIN_VALUE && timeMillis < now - lateness) {
            throw new RejectedEventException(RejectedEventException.Reason.LATE,
                    "time: event time " + timeMillis + " is " + (now - timeMillis) + " ms behind stream time "
                            + now + ", more than the allowed lateness of " + lateness + " ms");
        }
    }

    @Override
    void admit(long timeMillis, long payload, WindowListener listener) {
        long cutoff = streamTime() - span; // events at or before the cut-off are outside
        while (size > 0 && times[head] <= cutoff) {
            listener.leave(payloads[head], 1.0);
            head = (head + 1) & (payloads.length - 1);
            size--;
        }
        if (timeMillis <= cutoff) {
            return; // accepted, but already outside the window
        }
        if (size == payloads.length) {
            grow();
        }
        int mask = payloads.length - 1;
        int pos = (head + size) & mask;
        // shift newer events one place towards the tail; equal times keep arrival order
        while (pos != head) {
            int prev = (pos - 1) & mask;
            if (times[prev] <= timeMillis) {
                break;
            }
            times[pos] = times[prev];
            payloads[pos] = payloads[prev];
            pos = prev;
        }
        times[pos] = timeMillis;
        payloads[pos] = payload;
        size++;
        listener.enter(payload, 1.0);
    }

    private void grow() {
        int n = payloads.length;
        long[] p = new long[n * 2];
        long[] t = new long[n * 2];
        for (int i = 0; i < size; i++) {
            p[i] = payloads[(head + i) & (n - 1)];
            t[i] = times[(head + i) & (n - 1)];
        }
        payloads = p;
        times = t;
        head = 0;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long startTime() {
        long now = streamTime();
        return now == Long.MIN_VALUE ? Long.MIN_VALUE : now - span + 1;
    }
}
