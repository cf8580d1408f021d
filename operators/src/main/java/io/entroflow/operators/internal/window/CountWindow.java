package io.entroflow.operators.internal.window;

/**
 * The last N events: a ring of payloads and times.
 *
 * <p>Besides {@link #offer}, an operator may drive it directly, without a {@link WindowListener}:
 * read {@link #isFull()} and {@link #oldestPayload()}, {@link #push} the event, then apply the step
 * itself (the oldest payload leaves if the window was full, the new one enters, each with weight
 * 1). That keeps the per-event chain short and free of calls through the listener interface,
 * whose implementations differ from operator to operator (a call site shared by all of them
 * would not be inlined). Same state as {@link #offer}; count windows never reject an event.
 */
public final class CountWindow extends EventWindow {
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
        }
        store(timeMillis, payload);
        listener.enter(payload, 1.0);
    }

    /** Whether the window holds N events, so that the next one pushes out {@link #oldestPayload()}. */
    public boolean isFull() {
        return size == payloads.length;
    }

    /** The payload of the oldest event in the window (meaningful when it is not empty). */
    public long oldestPayload() {
        return payloads[size == payloads.length ? next : 0];
    }

    /**
     * Admits an event like {@link #offer}, without telling a listener: the caller applies the
     * change itself (see the class note). O(1).
     */
    public void push(long timeMillis, long payload) {
        record(timeMillis);
        store(timeMillis, payload);
    }

    private void store(long timeMillis, long payload) {
        if (size < payloads.length) {
            size++;
        }
        payloads[next] = payload;
        times[next] = timeMillis;
        next = next + 1 == payloads.length ? 0 : next + 1;
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
