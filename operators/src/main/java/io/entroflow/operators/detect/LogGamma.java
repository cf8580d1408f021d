package io.entroflow.operators.detect;

/**
 * ln &Gamma;(x) for x &gt; 0 in {@link StrictMath}: Stirling's series to x<sup>&minus;7</sup> after shifting x
 * to at least 20 with &Gamma;(x + 1) = x &Gamma;(x). Error below 1e&minus;13 (tested); for
 * x &lt; 1e&minus;280 the shift product underflows (not needed here: arguments are &ge; the prior's &alpha;0).
 */
final class LogGamma {
    private static final double HALF_LOG_TWO_PI = 0.5 * StrictMath.log(2 * Math.PI);

    private LogGamma() {
    }

    static double of(double x) {
        double product = 1;
        while (x < 20) {
            product *= x;
            x += 1;
        }
        double shift = StrictMath.log(product);
        double inv = 1 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)));
        return (x - 0.5) * StrictMath.log(x) - x + HALF_LOG_TWO_PI + series - shift;
    }
}
