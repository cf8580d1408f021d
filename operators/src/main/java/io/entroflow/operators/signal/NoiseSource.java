package io.entroflow.operators.signal;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Gaussian noise of a given colour, one column {@code value}. O(1) per sample.
 * <ul>
 *   <li>{@link Colour#WHITE}: i.i.d. N(0, &sigma;&sup2;), flat spectrum.</li>
 *   <li>{@link Colour#PINK}: 1/f noise by the Voss-McCartney algorithm: 16 Gaussian rows, row k
 *       redrawn every 2<sup>k</sup> samples (the row given by the trailing zeros of the sample
 *       number), plus a fresh white term; the sum scaled by &sigma;/&radic;17. Spectrum &prop; 1/f
 *       over about 16 octaves below the Nyquist frequency.</li>
 *   <li>{@link Colour#BROWN}: a Gaussian random walk x<sub>t</sub> = x<sub>t&minus;1</sub> + &sigma;&epsilon;<sub>t</sub>,
 *       x<sub>&minus;1</sub> = 0; spectrum &prop; 1/f&sup2;, not stationary.</li>
 * </ul>
 */
public final class NoiseSource implements SignalGenerator {
    private static final int PINK_ROWS = 16;

    /** Spectral colour. */
    public enum Colour {
        WHITE, PINK, BROWN;

        /** Lower-case name, e.g. {@code pink}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Colour colour;
    private final double sigma;
    private final Gaussian gaussian;
    private final double[] rows = new double[PINK_ROWS];
    private double rowSum;
    private double level;
    private long n;

    /**
     * @param colour white, pink or brown
     * @param sigma  scale &sigma; &gt; 0 (standard deviation of white noise and of pink noise, of the steps of brown noise)
     * @param seed   random seed
     */
    public NoiseSource(Colour colour, double sigma, long seed) {
        if (colour == null) {
            throw new IllegalArgumentException("colour: expected white, pink or brown, got null");
        }
        this.colour = colour;
        this.sigma = Checks.positive("sigma", sigma);
        this.gaussian = new Gaussian(new SplittableRandom(seed));
        if (colour == Colour.PINK) {
            for (int k = 0; k < PINK_ROWS; k++) {
                rows[k] = gaussian.next();
                rowSum += rows[k];
            }
        }
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
        switch (colour) {
            case WHITE:
                return sigma * gaussian.next();
            case BROWN:
                level += sigma * gaussian.next();
                return level;
            default:
                n++;
                int k = Long.numberOfTrailingZeros(n);
                if (k < PINK_ROWS) {
                    double fresh = gaussian.next();
                    rowSum += fresh - rows[k];
                    rows[k] = fresh;
                }
                return sigma * (rowSum + gaussian.next()) / Math.sqrt(PINK_ROWS + 1);
        }
    }
}
