package io.entroflow.operators.internal.window;

import io.entroflow.operators.window.Window;

/**
 * Exponential decay without touching old events: a new event enters with weight
 * 2<sup>(age origin)/h</sup>, which grows instead of every older weight shrinking. Every
 * measure the operators compute is invariant to one common scale, so the weights are exact up
 * to that factor. When the growing weight reaches 2<sup>32</sup> the listener rescales all
 * weights by exactly 2<sup>&minus;32</sup> and the origin advances 32 half-lives.
 */
final class DecayWindow extends EventWindow {
    private static final int RESCALE_EXPONENT = 32;
    private static final double RESCALE_FACTOR = 0x1p-32;

    private final double halfLife;
    private final Window.DecayClock clock;
    private double origin = Double.NaN; // age 0 reference, in events or ms

    DecayWindow(double halfLife, Window.DecayClock clock) {
        this.halfLife = halfLife;
        this.clock = clock;
    }

    @Override
    void admit(long timeMillis, long payload, WindowListener listener) {
        double position = clock == Window.DecayClock.EVENTS ? (double) (eventsSeen() - 1) : (double) timeMillis;
        double newest = clock == Window.DecayClock.EVENTS ? position : (double) streamTime();
        if (Double.isNaN(origin)) {
            origin = newest;
        }
        while ((newest - origin) / halfLife >= RESCALE_EXPONENT) {
            listener.rescale(RESCALE_FACTOR);
            origin += RESCALE_EXPONENT * halfLife;
        }
        double weight = Math.pow(2.0, (position - origin) / halfLife);
        listener.enter(payload, weight);
    }

    double origin() {
        return origin;
    }

    void origin(double value) {
        origin = value;
    }

    @Override
    public double unitWeight() {
        if (Double.isNaN(origin)) {
            return 1.0;
        }
        double newest = clock == Window.DecayClock.EVENTS ? (double) (eventsSeen() - 1) : (double) streamTime();
        return Math.pow(2.0, (newest - origin) / halfLife);
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
