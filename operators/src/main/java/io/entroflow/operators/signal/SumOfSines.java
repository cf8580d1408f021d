package io.entroflow.operators.signal;

import java.util.List;

/**
 * value<sub>t</sub> = &Sigma;<sub>k</sub> a<sub>k</sub> sin(2&pi; f<sub>k</sub> t + &phi;<sub>k</sub>), t = 0, 1, 2, &hellip;
 * with frequencies f<sub>k</sub> in cycles per sample (0 &le; f &le; 0.5, the Nyquist limit); one term is a
 * plain sine. Deterministic (t is a long, so there is no drift); O(terms) per sample.
 */
public final class SumOfSines implements SignalGenerator {
    private final double[] frequencies;
    private final double[] amplitudes;
    private final double[] phases;
    private long t;

    /**
     * @param frequencies cycles per sample, each 0..0.5
     * @param amplitudes  one per frequency, finite
     * @param phases      radians, one per frequency, finite
     */
    public SumOfSines(double[] frequencies, double[] amplitudes, double[] phases) {
        if (frequencies.length == 0 || amplitudes.length != frequencies.length || phases.length != frequencies.length) {
            throw new IllegalArgumentException("frequencies: expected one or more, with as many amplitudes and phases; got "
                    + frequencies.length + ", " + amplitudes.length + ", " + phases.length);
        }
        for (double f : frequencies) {
            if (!(f >= 0 && f <= 0.5)) {
                throw new IllegalArgumentException("frequency: expected 0..0.5 cycles per sample, got " + f);
            }
        }
        for (double a : amplitudes) {
            Checks.finite("amplitude", a);
        }
        for (double p : phases) {
            Checks.finite("phase", p);
        }
        this.frequencies = frequencies.clone();
        this.amplitudes = amplitudes.clone();
        this.phases = phases.clone();
    }

    /** One sine of unit amplitude and zero phase. */
    public static SumOfSines sine(double frequency) {
        return new SumOfSines(new double[] {frequency}, new double[] {1}, new double[] {0});
    }

    @Override
    public List<String> columns() {
        return List.of("value");
    }

    @Override
    public void next(double[] row) {
        row[0] = nextValue();
    }

    @Override
    public double nextValue() {
        double v = 0;
        for (int k = 0; k < frequencies.length; k++) {
            double cycles = (frequencies[k] * t) % 1.0;
            v += amplitudes[k] * Math.sin(2 * Math.PI * cycles + phases[k]);
        }
        t++;
        return v;
    }
}
