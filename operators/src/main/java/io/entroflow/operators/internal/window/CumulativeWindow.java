package io.entroflow.operators.internal.window;

/** All history, weight 1 per event. */
final class CumulativeWindow extends EventWindow {
    @Override
    void admit(long timeMillis, long payload, WindowListener listener) {
        listener.enter(payload, 1.0);
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
