package io.entroflow.operators.conformal;

/**
 * SAFFRON online FDR control [1]: an adaptive LORD that estimates the fraction of nulls. A p-value
 * &le; &lambda; is a <i>candidate</i>; wealth is spent only on candidates, so a stream with many
 * non-nulls earns more power. The t-th p-value is rejected when p_t &le; &alpha;_t with
 * <pre>
 * &alpha;_t = min(&lambda;, W0 &gamma;_{t&minus;C0} + ((1&minus;&lambda;)q &minus; W0) &gamma;_{t&minus;&tau;1&minus;C1} + (1&minus;&lambda;)q &Sigma;_{j&ge;2} &gamma;_{t&minus;&tau;j&minus;Cj})
 * </pre>
 * &tau;_j the time of the j-th rejection, C_j the number of candidates among tests &tau;_j+1 .. t&minus;1
 * (C0: among 1 .. t&minus;1), &gamma; the {@link GammaSequence}, W0 &isin; (0, (1&minus;&lambda;)q). FDR &le; q
 * for independent null p-values [1, thm. 1].
 *
 * <p>Cost: O(R) per test and 16&middot;R bytes, R = rejections so far.
 *
 * <p>[1] Ramdas, Zrnic, Wainwright &amp; Jordan, "SAFFRON: an adaptive algorithm for online control of
 * the false discovery rate", ICML 2018, arXiv:1802.09098.
 */
public final class Saffron extends FdrRuleBase implements OnlineFdr {
    private static final int STATE_TAG = 0x53414646; // "SAFF"

    private final double lambda;
    private final double w0;

    /**
     * @param q      target FDR, in (0, 1)
     * @param lambda candidate threshold, in (0, 1); 1/2 is the usual choice
     * @param w0     initial wealth, in (0, (1 &minus; &lambda;)&middot;q)
     */
    public Saffron(double q, double lambda, double w0) {
        super(STATE_TAG, "SAFFRON", true, new String[] {"q", "lambda", "w0"}, q, lambda, w0);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("saffron.q: must be in (0, 1), got " + q);
        }
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("saffron.lambda: must be in (0, 1), got " + lambda);
        }
        if (!(w0 > 0 && w0 < (1 - lambda) * q)) {
            throw new IllegalArgumentException("saffron.w0: must be in (0, (1 - lambda)*q = " + (1 - lambda) * q
                    + "), got " + w0);
        }
        this.lambda = lambda;
        this.w0 = w0;
    }

    /** SAFFRON with &lambda; = 1/2 and W0 = (1 &minus; &lambda;)q/2. */
    public static Saffron withTarget(double q) {
        return new Saffron(q, 0.5, 0.25 * q);
    }

    /** The level &alpha;_t the next test will get. O(R). */
    public double nextLevel() {
        return Math.min(lambda, level(w0, (1 - lambda) * targetFdr()));
    }

    @Override
    public FdrDecision test(double pValue) {
        OnlineFdr.checkP(pValue);
        return decide(pValue, nextLevel(), pValue <= lambda);
    }
}
