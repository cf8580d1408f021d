package io.entroflow.operators.signal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * First-order autoregression x<sub>t</sub> = &phi;&middot;x<sub>t&minus;1</sub> + &sigma;&epsilon;<sub>t</sub>,
 * &epsilon; i.i.d. N(0,1), one column {@code value}. For |&phi;| &lt; 1 the first value is drawn from the
 * stationary law N(0, &sigma;&sup2;/(1&minus;&phi;&sup2;)), so the stream is stationary from its start; lag-k
 * autocorrelation &phi;<sup>k</sup>. O(1) per sample.
 */
public final class Ar1Process implements SignalGenerator {
    private final double phi;
    private final double sigma;
    private final Gaussian gaussian;
    private double x;
    private boolean started;

    /**
     * @param phi   &phi;, &minus;1 &lt; &phi; &lt; 1
     * @param sigma innovation standard deviation &sigma; &gt; 0
     * @param seed  random seed
     */
    public Ar1Process(double phi, double sigma, long seed) {
        if (!(phi > -1 && phi < 1)) {
            throw new IllegalArgumentException("phi: expected -1 < phi < 1, got " + phi);
        }
        this.phi = phi;
        this.sigma = Checks.positive("sigma", sigma);
        this.gaussian = new Gaussian(new SplittableRandom(seed));
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
        if (!started) {
            started = true;
            x = sigma / Math.sqrt(1 - phi * phi) * gaussian.next();
        } else {
            x = phi * x + sigma * gaussian.next();
        }
        return x;
    }
}
