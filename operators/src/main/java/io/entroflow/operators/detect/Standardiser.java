package io.entroflow.operators.detect;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * Applies a {@link Baseline}: collects the baseline values (Welford's running mean and sum of
 * squares, in arrival order, so the result is a function of the values alone) and returns
 * z = (x &minus; mean) / sd once it is frozen, NaN before.
 */
final class Standardiser {
    private final Baseline baseline;
    private long seen;
    private double mean;
    private double m2;
    private double mu;
    private double sigma;
    private boolean ready;

    Standardiser(Baseline baseline) {
        this.baseline = baseline;
        restart();
    }

    /** z, or NaN while the baseline is being collected (x then joins it). */
    double standardise(double x) {
        if (ready) {
            return (x - mu) / sigma;
        }
        seen++;
        double d = x - mean;
        mean += d / seen;
        m2 += d * (x - mean);
        if (seen == baseline.length()) {
            mu = mean;
            sigma = Math.max(Math.sqrt(m2 / (seen - 1)), 1e-9 * Math.max(1.0, Math.abs(mean)));
            ready = true;
        }
        return Double.NaN;
    }

    /** After an alarm: an estimated baseline is collected again; a known one stays. */
    void restart() {
        if (baseline.isEstimated()) {
            seen = 0;
            mean = 0;
            m2 = 0;
            mu = Double.NaN;
            sigma = Double.NaN;
            ready = false;
        } else {
            mu = baseline.mean();
            sigma = baseline.sd();
            ready = true;
        }
    }

    boolean ready() {
        return ready;
    }

    void write(StateWriter out) {
        out.putLong(seen).putDouble(mean).putDouble(m2).putDouble(mu).putDouble(sigma).putBoolean(ready);
    }

    void read(StateReader in) {
        seen = in.getLong();
        mean = in.getDouble();
        m2 = in.getDouble();
        mu = in.getDouble();
        sigma = in.getDouble();
        ready = in.getBoolean();
    }

    static void writeConfig(StateWriter out, Baseline b) {
        out.putInt(b.length()).putDouble(b.mean()).putDouble(b.sd());
    }
}
