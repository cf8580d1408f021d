package io.entroflow.operators.conformal;

/**
 * The spending sequence of the online FDR rules: non-negative, non-increasing, summing to 1,
 * <pre>
 * &gamma;_j = C &middot; ln(max(j, 2)) / (j &middot; exp(&radic;ln j)),   j = 1, 2, ..
 * </pre>
 * the sequence Javanmard &amp; Montanari [1] derive as near-optimal for power,
 * used by LORD++ and SAFFRON in [2, 3], normalised to sum exactly 1:
 * C = 1 / &Sigma;_j ln(max(j,2)) / (j e<sup>&radic;ln j</sup>) = 0.0790820 with natural logarithms. (The
 * constant 0.0722 quoted in [1] makes the sum 0.913: also valid, a little more conservative.) C is
 * computed once: the first 2<sup>17</sup> terms summed in order plus the tail in closed form,
 * &int;<sub>J</sub><sup>&infin;</sup> ln x / (x e<sup>&radic;ln x</sup>) dx = 2 e<sup>&minus;u</sup>(u&sup3; + 3u&sup2; + 6u + 6),
 * u = &radic;ln J, with the Euler-Maclaurin end correction. Everything uses {@link StrictMath}, so
 * every JVM computes the same bits. {@link #gamma} is a table lookup for j &le; 2<sup>17</sup>, three
 * StrictMath calls beyond.
 *
 * <p>[1] Javanmard &amp; Montanari, "Online rules for control of false discovery rate and false
 * discovery exceedance", Ann. Statist. 46(2) 2018, doi:10.1214/17-AOS1559. [2] Ramdas, Yang,
 * Wainwright &amp; Jordan, "Online control of the false discovery rate with decaying memory", NeurIPS
 * 2017, arXiv:1710.00499. [3] Ramdas, Zrnic, Wainwright &amp; Jordan, "SAFFRON: an adaptive algorithm
 * for online control of the false discovery rate", ICML 2018, arXiv:1802.09098.
 */
public final class GammaSequence {
    private static final int TABLE = 1 << 17;
    private static final double[] TERMS = new double[TABLE + 1];
    private static final double NORMALISER;

    static {
        double sum = 0;
        for (int j = 1; j <= TABLE; j++) {
            TERMS[j] = raw(j);
            sum += TERMS[j];
        }
        double u = StrictMath.sqrt(StrictMath.log(TABLE));
        double tail = 2 * StrictMath.exp(-u) * (((u + 3) * u + 6) * u + 6) - TERMS[TABLE] / 2;
        NORMALISER = sum + tail;
        for (int j = 1; j <= TABLE; j++) {
            TERMS[j] /= NORMALISER;
        }
    }

    private GammaSequence() {
    }

    private static double raw(long j) {
        double lj = StrictMath.log((double) j);
        return StrictMath.log((double) Math.max(j, 2)) / (j * StrictMath.exp(StrictMath.sqrt(lj)));
    }

    /**
     * &gamma;_j.
     *
     * @throws IllegalArgumentException for j &lt; 1
     */
    public static double gamma(long j) {
        if (j < 1) {
            throw new IllegalArgumentException("gamma.j: must be >= 1, got " + j);
        }
        return j <= TABLE ? TERMS[(int) j] : raw(j) / NORMALISER;
    }

    /** C, the normalising constant (0.0790820). */
    public static double constant() {
        return 1 / NORMALISER;
    }
}
