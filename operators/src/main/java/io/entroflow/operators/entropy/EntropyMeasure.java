package io.entroflow.operators.entropy;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.internal.histogram.Histogram;

/**
 * A member of the entropy family, computed from a window's {@link HistogramStats} in O(1).
 * p<sub>s</sub> = w<sub>s</sub>/W are the window's relative frequencies.
 *
 * <ul>
 *   <li>{@link Shannon}: H = &minus;&Sigma; p ln p, optionally with the Miller-Madow correction.</li>
 *   <li>{@link Renyi}: H<sub>&alpha;</sub> = ln(&Sigma; p<sup>&alpha;</sup>)/(1&minus;&alpha;); order 0 is
 *       ln |support|, order 1 Shannon, order &infin; &minus;ln max p.</li>
 *   <li>{@link Tsallis}: S<sub>q</sub> = (1 &minus; &Sigma; p<sup>q</sup>)/(q&minus;1); q = 1 is Shannon in nats.</li>
 *   <li>{@link GiniSimpson}: 1 &minus; &Sigma; p&sup2; (= Tsallis q = 2).</li>
 *   <li>{@link NormalizedShannon}: H / ln m, m the declared alphabet size or the support seen.</li>
 * </ul>
 * Shannon and R&eacute;nyi are reported in the requested {@link InformationUnit}; Tsallis and
 * Gini-Simpson are defined with the natural q-logarithm and always reported in nats;
 * normalised entropy is a ratio in [0, 1], the same in every base.
 */
public sealed interface EntropyMeasure
        permits EntropyMeasure.Shannon, EntropyMeasure.Renyi, EntropyMeasure.Tsallis,
                EntropyMeasure.GiniSimpson, EntropyMeasure.NormalizedShannon {

    /** Plug-in Shannon entropy. */
    static Shannon shannon() {
        return new Shannon(false);
    }

    /** Shannon entropy with the Miller-Madow bias correction (m&minus;1)/(2N) nats. */
    static Shannon millerMadow() {
        return new Shannon(true);
    }

    /** R&eacute;nyi entropy of order alpha &ge; 0 (may be {@link Double#POSITIVE_INFINITY}). */
    static Renyi renyi(double alpha) {
        return new Renyi(alpha);
    }

    /** Tsallis entropy of order q &ge; 0. */
    static Tsallis tsallis(double q) {
        return new Tsallis(q);
    }

    /** Gini-Simpson index. */
    static GiniSimpson giniSimpson() {
        return new GiniSimpson();
    }

    /** Shannon entropy divided by ln m, m the declared alphabet size (&ge; 1), or the support seen when m = 0. */
    static NormalizedShannon normalized(int declaredAlphabetSize) {
        return new NormalizedShannon(declaredAlphabetSize);
    }

    /** The measure's wire name: {@code entropy}, {@code renyi}, {@code tsallis}, {@code gini-simpson}, {@code normalized-entropy}. */
    String name();

    /**
     * The value for a window with statistics {@code s}.
     *
     * @param s          the window's statistics (power sum for {@link #powerExponent()}, max if {@link #needsMax()})
     * @param sampleSize the number of events the window stands for (used by Miller-Madow)
     * @param unit       output unit for Shannon and R&eacute;nyi
     */
    double evaluate(HistogramStats s, double sampleSize, InformationUnit unit);

    /** Exponent of the power sum this measure needs, or NaN. */
    default double powerExponent() {
        return Double.NaN;
    }

    /** Whether this measure needs the largest weight. */
    default boolean needsMax() {
        return false;
    }

    /** Whether the value is in the requested unit (false: always nats, the natural q-logarithm, or no unit). */
    default boolean usesUnit() {
        return true;
    }

    /**
     * The unit of the value on the wire: {@code unit}'s label when {@link #usesUnit()}, else {@code nats};
     * empty for a dimensionless ratio (normalised entropy, H / log M in [0, 1]).
     */
    default String unitLabel(InformationUnit unit) {
        return usesUnit() ? unit.label() : InformationUnit.NATS.label();
    }

    /** Shannon entropy, plug-in or Miller-Madow corrected. */
    record Shannon(boolean millerMadow) implements EntropyMeasure {
        @Override
        public String name() {
            return "entropy";
        }

        @Override
        public double evaluate(HistogramStats s, double sampleSize, InformationUnit unit) {
            double h = s.shannonNats();
            if (millerMadow && sampleSize > 0) {
                h += (s.support() - 1) / (2.0 * sampleSize);
            }
            return unit.fromNats(h);
        }
    }

    /** R&eacute;nyi entropy of order alpha &ge; 0. */
    record Renyi(double alpha) implements EntropyMeasure {
        public Renyi {
            if (!(alpha >= 0)) {
                throw new IllegalArgumentException("alpha: must be >= 0, got " + alpha);
            }
        }

        @Override
        public String name() {
            return "renyi";
        }

        @Override
        public double powerExponent() {
            return alpha == 0 || alpha == 1 || Double.isInfinite(alpha) ? Double.NaN : alpha;
        }

        @Override
        public boolean needsMax() {
            return Double.isInfinite(alpha);
        }

        @Override
        public double evaluate(HistogramStats s, double sampleSize, InformationUnit unit) {
            if (s.isEmpty()) {
                return 0.0;
            }
            double nats;
            if (alpha == 0) {
                nats = Histogram.ln(s.support());
            } else if (alpha == 1) {
                nats = s.shannonNats();
            } else if (Double.isInfinite(alpha)) {
                nats = Histogram.ln(s.totalWeight()) - Histogram.ln(s.maxWeight());
            } else {
                nats = (Histogram.ln(s.powerSum()) - alpha * Histogram.ln(s.totalWeight())) / (1 - alpha);
            }
            return unit.fromNats(Math.max(0.0, nats));
        }
    }

    /** Tsallis entropy of order q &ge; 0 (natural q-logarithm). */
    record Tsallis(double q) implements EntropyMeasure {
        public Tsallis {
            if (!(q >= 0) || Double.isInfinite(q)) {
                throw new IllegalArgumentException("q: must be finite and >= 0, got " + q);
            }
        }

        @Override
        public String name() {
            return "tsallis";
        }

        @Override
        public double powerExponent() {
            return q == 0 || q == 1 ? Double.NaN : q;
        }

        @Override
        public boolean usesUnit() {
            return false;
        }

        @Override
        public double evaluate(HistogramStats s, double sampleSize, InformationUnit unit) {
            if (s.isEmpty()) {
                return 0.0;
            }
            if (q == 1) {
                return s.shannonNats();
            }
            double sumPq = q == 0 ? s.support() : Math.exp(Histogram.ln(s.powerSum()) - q * Histogram.ln(s.totalWeight()));
            return (1 - sumPq) / (q - 1);
        }
    }

    /** Gini-Simpson index 1 &minus; &Sigma; p&sup2;, the probability that two draws differ. */
    record GiniSimpson() implements EntropyMeasure {
        @Override
        public String name() {
            return "gini-simpson";
        }

        @Override
        public double powerExponent() {
            return 2.0;
        }

        @Override
        public boolean usesUnit() {
            return false;
        }

        @Override
        public double evaluate(HistogramStats s, double sampleSize, InformationUnit unit) {
            if (s.isEmpty()) {
                return 0.0;
            }
            double w = s.totalWeight();
            return Math.max(0.0, 1 - s.powerSum() / (w * w));
        }
    }

    /** Shannon entropy over ln m; m the declared alphabet size, or the support seen when declared = 0. */
    record NormalizedShannon(int declaredAlphabetSize) implements EntropyMeasure {
        public NormalizedShannon {
            if (declaredAlphabetSize < 0) {
                throw new IllegalArgumentException("alphabet: must be >= 0 (0 = the support seen), got " + declaredAlphabetSize);
            }
        }

        /** Whether the ratio stays within [0, 1] over {@code symbols} symbols: the declared size is 0 or at least that. */
        public boolean covers(int symbols) {
            return declaredAlphabetSize == 0 || declaredAlphabetSize >= symbols;
        }

        @Override
        public String name() {
            return "normalized-entropy";
        }

        @Override
        public boolean usesUnit() {
            return false;
        }

        /** None: a ratio of two entropies in the same unit. */
        @Override
        public String unitLabel(InformationUnit unit) {
            return "";
        }

        @Override
        public double evaluate(HistogramStats s, double sampleSize, InformationUnit unit) {
            int m = declaredAlphabetSize > 0 ? declaredAlphabetSize : s.support();
            if (m <= 1) {
                return 0.0;
            }
            return s.shannonNats() / Math.log(m);
        }
    }
}
