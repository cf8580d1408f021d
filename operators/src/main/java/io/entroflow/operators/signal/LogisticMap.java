package io.entroflow.operators.signal;

/**
 * The logistic map x<sub>t+1</sub> = r&middot;x<sub>t</sub>(1 &minus; x<sub>t</sub>), one column {@code value}.
 * Fixed point for r &lt; 3, period doubling up to r &asymp; 3.5699, chaos beyond with windows;
 * at r = 4 fully chaotic (Lyapunov exponent ln 2) and the falling ordinal triple never occurs.
 * The first value is x<sub>0</sub>. Deterministic; O(1) per sample.
 */
public final class LogisticMap implements SignalGenerator {
    private final double r;
    private double x;

    /**
     * @param r  0 .. 4
     * @param x0 initial value, 0 &lt; x0 &lt; 1
     */
    public LogisticMap(double r, double x0) {
        if (!(r >= 0 && r <= 4)) {
            throw new IllegalArgumentException("r: expected 0..4, got " + r);
        }
        if (!(x0 > 0 && x0 < 1)) {
            throw new IllegalArgumentException("x0: expected 0 < x0 < 1, got " + x0);
        }
        this.r = r;
        this.x = x0;
    }

    @Override
    public java.util.List<String> columns() {
        return java.util.List.of("value");
    }

    @Override
    public void next(double[] row) {
        row[0] = nextValue();
    }

    @Override
    public double nextValue() {
        double v = x;
        x = r * x * (1 - x);
        return v;
    }
}
