package io.entroflow.operators.window;

/** The last N events: a ring of payloads and times. */
final class CountWindow extends EventWindow {
    private final long[] payloads;
    private final long[] times;
    private int next;
    private int size;

    CountWindow(int capacity) {
        payloads = new long[capacity];
        times = new long[capacity];
    }

    @Override
    void admit(long timeMillis, long payload, WindowListener listener) {
        if (size == payloads.length) {
            listener.leave(payloads[next], 1.0);
        } else {
            size++;
        }
        payloads[next] = payload;
        times[next] = timeMillis;
        next = next + 1 == payloads.length ? 0 : next + 1;
        listener.enter(payload, 1.0);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long startTime() {
        if (size == 0) {
            return Long.MIN_VALUE;
        }
        int oldest = size == payloads.length ? next : 0;
        return times[oldest];
    }
}
