package io.entroflow.operators.internal.window;

/**
 * All history, weight 1 per event: nothing ever leaves.
 *
 * <p>Besides {@link #offer}, an operator may drive it without a {@link WindowListener}: {@link #push}
 * the event (the bookkeeping), then count it with weight 1 itself. Same state as {@link #offer},
 * one call shorter and without the listener interface (as {@link CountWindow#slide}); cumulative
 * windows never reject an event.
 */
public final class CumulativeWindow extends EventWindow {
    CumulativeWindow() {
    }

    @Override
    void admit(long timeMillis, long payload, WindowListener listener) {
        listener.enter(payload, 1.0);
    }

    /** Admits an event like {@link #offer} without telling a listener; the caller counts it with weight 1. O(1). */
    public void push(long timeMillis) {
        record(timeMillis);
    }

    @Override
    public long size() {
        return eventsSeen();
    }

    @Override
    public long startTime() {
        return firstTime();
    }
}
