package io.entroflow.operators.ordinal;

import io.entroflow.operators.symbol.OrdinalPatterns;
import java.util.ArrayList;
import java.util.List;

/**
 * The complexity-entropy plane of Rosso et al. (PRL 99, 154102, 2007; doi:10.1103/PhysRevLett.99.154102):
 * batch formulas, the bounding curves and the region classification. Stateless, thread-safe.
 *
 * <p>For a distribution P over the N = d! ordinal patterns:
 * <ul>
 *   <li>normalised permutation entropy H<sub>S</sub>[P] = S[P] / ln N, S[P] = &minus;&Sigma; p ln p;</li>
 *   <li>Jensen-Shannon divergence from the uniform P<sub>e</sub>:
 *       J[P,P<sub>e</sub>] = S[(P+P<sub>e</sub>)/2] &minus; S[P]/2 &minus; S[P<sub>e</sub>]/2;</li>
 *   <li>disequilibrium Q<sub>J</sub> = Q<sub>0</sub>&middot;J with the normalisation constant
 *       Q<sub>0</sub> = &minus;2 / [ ((N+1)/N) ln(N+1) &minus; 2 ln(2N) + ln N ], the inverse of J's
 *       largest value (reached by a single certain pattern), so 0 &le; Q<sub>J</sub> &le; 1;</li>
 *   <li>statistical complexity C = Q<sub>J</sub>&middot;H<sub>S</sub> (dimensionless).</li>
 * </ul>
 * These match ordpy's {@code complexity_entropy}.
 *
 * <p><b>Bounding curves</b> (Martin, Plastino &amp; Rosso, Physica A 369, 439, 2006;
 * doi:10.1016/j.physa.2005.11.053): for a given H<sub>S</sub>, C is smallest for one probability p
 * &ge; 1/N with the other N&minus;1 equal, and largest for one probability p &le; 1/(N&minus;k) with
 * N&minus;k&minus;1 others equal and k zeros, k = 0..N&minus;2.
 *
 * <p><b>Regions</b> ({@link #classify}): boundaries chosen for this project after PECCARY's
 * regular / complex / stochastic reading of the plane, and checked on the reference signals of
 * {@code io.entroflow.operators.signal} (logistic and H&eacute;non maps, Lorenz and R&ouml;ssler flows,
 * sines, white, pink and brown noise, AR(1)) at d = 3..6:
 * <ul>
 *   <li>{@link OrdinalRegion#REGULAR} when H<sub>S</sub> &lt; max({@value #REGULAR_BELOW}, ln d / ln N):
 *       low entropy, or fewer than d effective patterns (N<sup>H<sub>S</sub></sup> &lt; d), which is what
 *       a finely sampled periodic signal gives at any d (its rising and falling runs dominate);</li>
 *   <li>{@link OrdinalRegion#STOCHASTIC} when H<sub>S</sub> &gt; {@value #STOCHASTIC_ABOVE}, or when C lies
 *       low in the band between the curves at that H<sub>S</sub>:
 *       (C &minus; C<sub>min</sub>) / (C<sub>max</sub> &minus; C<sub>min</sub>) &lt; {@value #COMPLEX_FROM};</li>
 *   <li>{@link OrdinalRegion#COMPLEX} otherwise: intermediate entropy with complexity near the
 *       maximum curve, where chaotic maps and flows lie.</li>
 * </ul>
 * Limits: strongly correlated noise climbs the band as d grows (brown noise at d = 6 sits at
 * about 0.52 of it), so the plane alone cannot always tell it from chaos; forbidden patterns well
 * beyond the white-noise expectation ({@link ForbiddenPatterns}) are the complementary test. A
 * finely sampled flow (Lorenz at dt&middot;stride = 0.1) reads stochastic at d = 3 and complex from
 * d = 4: prefer d &ge; 4, or a delay &tau; near the signal's natural timescale. Use
 * windows of many more patterns than N = d! (ten times is a common rule).
 */
public final class ComplexityEntropyPlane {
    /** H<sub>S</sub> below this is regular. */
    public static final double REGULAR_BELOW = 0.4;
    /** H<sub>S</sub> above this is stochastic whatever C is. */
    public static final double STOCHASTIC_ABOVE = 0.9;
    /** Relative height in the band between the curves from which a point is complex. */
    public static final double COMPLEX_FROM = 0.6;

    private static final int BISECTION_STEPS = 100;

    private ComplexityEntropyPlane() {
    }

    /** Q<sub>0</sub> for N patterns, N &ge; 2. */
    public static double normalisation(int n) {
        requirePatterns(n);
        double jsMax = -0.5 * (((n + 1.0) / n) * Math.log(n + 1.0) + Math.log(n) - 2 * Math.log(2.0 * n));
        return 1.0 / jsMax;
    }

    /** H<sub>S</sub> of non-negative weights over all N = weights.length patterns (zeros included); NaN if all are 0. */
    public static double normalizedEntropy(double[] weights) {
        requirePatterns(weights.length);
        double total = total(weights);
        if (!(total > 0)) {
            return Double.NaN;
        }
        double s = 0;
        for (double w : weights) {
            double p = w / total;
            if (p > 0) { // not w > 0: a tiny weight over a large total underflows to p = 0
                s -= p * Math.log(p);
            }
        }
        return Math.max(0, s / Math.log(weights.length));
    }

    /** The point (H<sub>S</sub>, C) of non-negative weights over all N = weights.length patterns; NaN if all are 0. */
    public static PlanePoint point(double[] weights) {
        requirePatterns(weights.length);
        int n = weights.length;
        double total = total(weights);
        if (!(total > 0)) {
            return new PlanePoint(Double.NaN, Double.NaN);
        }
        double s = 0;
        double sMix = 0;
        for (double w : weights) {
            double p = w / total;
            if (p > 0) {
                s -= p * Math.log(p);
            }
            double m = (p + 1.0 / n) / 2;
            sMix -= m * Math.log(m);
        }
        return fromSums(s, sMix, n);
    }

    /** (H<sub>S</sub>, C) from S[P] and S[(P+P<sub>e</sub>)/2] in nats. */
    static PlanePoint fromSums(double s, double sMix, int n) {
        return fromSums(s, sMix, Math.log(n), normalisation(n));
    }

    /** The same with ln N and Q<sub>0</sub> precomputed. */
    static PlanePoint fromSums(double s, double sMix, double logN, double q0) {
        double h = Math.max(0, Math.min(1, s / logN));
        return new PlanePoint(h, complexity(s, h, sMix, logN, q0));
    }

    /**
     * C = Q<sub>0</sub>&middot;J&middot;H<sub>S</sub> from S[P], H<sub>S</sub> (already clamped to 0..1) and
     * S[(P+P<sub>e</sub>)/2] in nats, J = S[(P+P<sub>e</sub>)/2] &minus; S[P]/2 &minus; ln N / 2 clamped at 0
     * (operators call this per event with ln N and Q<sub>0</sub> precomputed).
     */
    static double complexity(double s, double h, double sMix, double logN, double q0) {
        double js = Math.max(0, sMix - s / 2 - logN / 2);
        return q0 * js * h;
    }

    /** The lower curve for dimension d: {@code points} points from H<sub>S</sub> = 0 to 1. */
    public static List<PlanePoint> minimumCurve(int dimension, int points) {
        int n = patterns(dimension);
        requirePoints(points);
        List<PlanePoint> curve = new ArrayList<>(points);
        for (int i = 0; i < points; i++) {
            double p = 1.0 - (1.0 - 1.0 / n) * i / (points - 1);
            curve.add(family(p, n - 1, n));
        }
        return curve;
    }

    /**
     * The upper curve for dimension d: {@code pointsPerSegment} points on each of its N&minus;1
     * segments, in order of increasing H<sub>S</sub>.
     */
    public static List<PlanePoint> maximumCurve(int dimension, int pointsPerSegment) {
        int n = patterns(dimension);
        requirePoints(pointsPerSegment);
        List<PlanePoint> curve = new ArrayList<>((n - 1) * pointsPerSegment);
        for (int m = 2; m <= n; m++) { // m = nonzero probabilities = N - k
            for (int i = 0; i < pointsPerSegment; i++) {
                double p = (1.0 / m) * i / (pointsPerSegment - 1);
                curve.add(family(p, m - 1, n));
            }
        }
        return curve;
    }

    /** C<sub>min</sub>(H<sub>S</sub>) for N patterns, 0 &le; h &le; 1. */
    public static double minimumComplexity(double h, int n) {
        return minimumComplexity(h, n, true);
    }

    /** C<sub>min</sub> by at most {@link #BISECTION_STEPS} bisection steps, stopping at a fixed point or not (the same bits). */
    static double minimumComplexity(double h, int n, boolean stopAtFixedPoint) {
        requirePatterns(n);
        requireEntropy(h);
        double lo = 1.0 / n;  // H = 1
        double hi = 1.0;      // H = 0
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            double oldLo = lo;
            double oldHi = hi;
            if (family(mid, n - 1, n).entropy() > h) {
                lo = mid;
            } else {
                hi = mid;
            }
            if (stopAtFixedPoint && lo == oldLo && hi == oldHi) {
                break; // a fixed point: every further step computes the same mid and decides the same
            }
        }
        return family((lo + hi) / 2, n - 1, n).complexity();
    }

    /** C<sub>max</sub>(H<sub>S</sub>) for N patterns, 0 &le; h &le; 1. */
    public static double maximumComplexity(double h, int n) {
        return maximumComplexity(h, n, true);
    }

    /** C<sub>max</sub> by at most {@link #BISECTION_STEPS} bisection steps, stopping at a fixed point or not (the same bits). */
    static double maximumComplexity(double h, int n, boolean stopAtFixedPoint) {
        requirePatterns(n);
        requireEntropy(h);
        int m = (int) Math.ceil(Math.exp(h * Math.log(n)) - 1e-12);
        m = Math.max(2, Math.min(n, m));
        double lo = 0;          // H = ln(m-1)/ln N
        double hi = 1.0 / m;    // H = ln m / ln N
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            double oldLo = lo;
            double oldHi = hi;
            if (family(mid, m - 1, n).entropy() < h) {
                lo = mid;
            } else {
                hi = mid;
            }
            if (stopAtFixedPoint && lo == oldLo && hi == oldHi) {
                break; // a fixed point, as in minimumComplexity
            }
        }
        return family((lo + hi) / 2, m - 1, n).complexity();
    }

    /**
     * The region of point (h, c) for N patterns, by the boundaries in the class comment.
     *
     * @throws IllegalArgumentException for h outside 0..1 or NaN
     */
    public static OrdinalRegion classify(double h, double c, int n) {
        requireEntropy(h);
        return classify(h, c, n, Double.NaN, Double.NaN);
    }

    /**
     * {@link #classify(double, double, int)} with C<sub>min</sub>(h) and C<sub>max</sub>(h) already known
     * ({@link #minimumComplexity}, {@link #maximumComplexity}; NaN: compute them when needed).
     */
    static OrdinalRegion classify(double h, double c, int n, double minimum, double maximum) {
        requireEntropy(h);
        if (h < Math.max(REGULAR_BELOW, Math.log(dimensionOf(n)) / Math.log(n))) {
            return OrdinalRegion.REGULAR;
        }
        if (h > STOCHASTIC_ABOVE) {
            return OrdinalRegion.STOCHASTIC;
        }
        double low = Double.isNaN(minimum) ? minimumComplexity(h, n) : minimum;
        double high = Double.isNaN(maximum) ? maximumComplexity(h, n) : maximum;
        double band = high - low;
        double relative = band > 0 ? (c - low) / band : 0;
        return relative >= COMPLEX_FROM ? OrdinalRegion.COMPLEX : OrdinalRegion.STOCHASTIC;
    }

    /** d with d! = n, or the largest d with d! &lt; n for other n (then ln d / ln n is only a bound). */
    private static int dimensionOf(int n) {
        int d = 1;
        int f = 1;
        while (f * (d + 1) <= n) {
            d++;
            f *= d;
        }
        return d;
    }

    /** One probability p, {@code m} others equal to (1&minus;p)/m, the rest 0, over N patterns. */
    private static PlanePoint family(double p, int m, int n) {
        double q = m > 0 ? (1.0 - p) / m : 0;
        int zeros = n - 1 - m;
        double s = -xLnX(p) - m * xLnX(q);
        double u = 1.0 / n;
        double sMix = -xLnX((p + u) / 2) - m * xLnX((q + u) / 2) - zeros * xLnX(u / 2);
        return fromSums(s, sMix, n);
    }

    private static double xLnX(double x) {
        return x > 0 ? x * Math.log(x) : 0;
    }

    private static double total(double[] weights) {
        double t = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights: expected finite values >= 0, got " + w);
            }
            t += w;
        }
        return t;
    }

    private static int patterns(int dimension) {
        OrdinalConfig.checkDimension(dimension);
        return OrdinalPatterns.factorial(dimension);
    }

    private static void requirePatterns(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("patterns: expected N >= 2, got " + n);
        }
    }

    private static void requirePoints(int points) {
        if (points < 2) {
            throw new IllegalArgumentException("points: expected >= 2, got " + points);
        }
    }

    private static void requireEntropy(double h) {
        if (!(h >= 0 && h <= 1)) {
            throw new IllegalArgumentException("entropy: expected a normalised entropy in 0..1, got " + h);
        }
    }
}
