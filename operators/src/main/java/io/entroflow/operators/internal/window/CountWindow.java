package io.entroflow.operators.internal.window;

/**
 * The last N events: a ring of payloads and times.
 *
 * <p>Besides {@link #offer}, an operator may drive it directly, without a {@link WindowListener}:
 * {@link #slide} the event in, then apply the step itself (the payload it returns leaves unless
 * it is {@link #NOTHING_LEFT}, the new one enters, each with weight 1). This is the one count-window
 * fast path of the entropy, transfer-entropy and ordinal operators. That keeps the per-event chain short and free of calls through the listener interface,
 * whose implementations differ from operator to operator (a call site shared by all of them
 * would not be inlined). Same state as {@link #offer}; count windows never reject an event.
 */
public final class CountWindow extends EventWindow {
    /** What {@link #slide} returns while the window is not full: no event left. */
    public static final long NOTHING_LEFT = Long.MIN_VALUE;

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

    /**
     * Admits an event like {@link #offer}, without telling a listener, and returns the payload of
     * the event it pushed out, or {@link #NOTHING_LEFT} while the window was not full. The caller
     * then applies the step itself, in the listener's order: the returned payload leaves, the new
     * one enters, each with weight 1 (see the class note). O(1).
     *
     * @param payload any value but {@link #NOTHING_LEFT}
     */
    public long slide(long timeMillis, long payload) {
        record(timeMillis);
        long leaving = size == payloads.length ? payloads[next] : NOTHING_LEFT;
        store(timeMillis, payload);
        return leaving;
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
