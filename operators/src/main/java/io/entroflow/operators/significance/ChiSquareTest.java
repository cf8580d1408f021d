package io.entroflow.operators.significance;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Analytic p-values for plug-in (conditional) mutual information and transfer entropy.
 *
 * <p>Under independence (conditional independence for I(A;B|C) and TE), the statistic
 * G = 2&middot;N&middot;I, with I in <b>nats</b> (= 2&middot;N&middot;ln 2&middot;I<sub>bits</sub>), is
 * asymptotically chi-square distributed (it is the G-test statistic); p = P(&chi;&sup2;<sub>df</sub> &ge; G).
 * Degrees of freedom: (b<sub>A</sub>&minus;1)(b<sub>B</sub>&minus;1)&middot;b<sub>C</sub>; for transfer
 * entropy Y&rarr;X with histories k, l (and a condition Z with history m)
 * df = (b<sub>Y</sub><sup>l</sup>&minus;1)(b<sub>X</sub>&minus;1)&middot;b<sub>X</sub><sup>k</sup>&middot;b<sub>Z</sub><sup>m</sup>
 * (Schreiber 2000; Lizier, JIDT 2014).
 *
 * <p>Choice of b: the <em>declared</em> alphabet sizes of the operator's configuration, as JIDT
 * does. Observed supports would give smaller df (and smaller p-values) when many joint states never
 * occur; the declared sizes keep the test conservative and the df independent of the data. The
 * approximation needs N large relative to df (rule of thumb N &ge; 5&middot;df); with fewer samples
 * prefer {@link SurrogateTest}.
 *
 * <p>Uses Apache Commons Statistics' regularised incomplete gamma. Stateless, thread-safe.
 */
public final class ChiSquareTest {
    private ChiSquareTest() {
    }

    /**
     * p = P(&chi;&sup2;<sub>df</sub> &ge; 2&middot;n&middot;informationNats).
     *
     * @param informationNats the estimate in nats (negative rounding residue counts as 0)
     * @param n               number of samples the estimate is over (may be fractional for decay windows), &ge; 0
     * @param df              degrees of freedom; df &le; 0 means the measure is identically 0: p = 1
     * @return the p-value in [0, 1]; 1 when n = 0
     */
    public static double pValue(double informationNats, double n, double df) {
        if (!(n >= 0) || Double.isNaN(informationNats)) {
            throw new IllegalArgumentException("n: expected >= 0 and a numeric estimate, got n=" + n
                    + ", estimate=" + informationNats);
        }
        if (df <= 0 || n == 0) {
            return 1.0;
        }
        double g = 2.0 * n * Math.max(0.0, informationNats);
        return ChiSquaredDistribution.of(df).survivalProbability(g);
    }

    /** df of I(A;B|C): (b<sub>A</sub>&minus;1)(b<sub>B</sub>&minus;1)&middot;b<sub>C</sub> (b<sub>C</sub> = 1 for plain MI). */
    public static double mutualInformationDf(int alphabetA, int alphabetB, int alphabetC) {
        return (alphabetA - 1.0) * (alphabetB - 1.0) * alphabetC;
    }

    /**
     * df of TE Y&rarr;X: (b<sub>Y</sub><sup>l</sup>&minus;1)(b<sub>X</sub>&minus;1)&middot;b<sub>X</sub><sup>k</sup>&middot;b<sub>Z</sub><sup>m</sup>
     * (m = 0 without a condition).
     */
    public static double transferEntropyDf(int targetAlphabet, int k, int sourceAlphabet, int l,
                                           int conditionAlphabet, int m) {
        return (Math.pow(sourceAlphabet, l) - 1.0) * (targetAlphabet - 1.0) * Math.pow(targetAlphabet, k)
                * Math.pow(conditionAlphabet, m);
    }
}
