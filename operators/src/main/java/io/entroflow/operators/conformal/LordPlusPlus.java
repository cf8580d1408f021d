package io.entroflow.operators.conformal;

/**
 * LORD++ online FDR control [1, 2]: the t-th p-value is rejected when p_t &le; &alpha;_t with
 * <pre>
 * &alpha;_t = &gamma;_t W0 + (q &minus; W0) &gamma;_{t&minus;&tau;1} + q &Sigma;_{j&ge;2, &tau;j&lt;t} &gamma;_{t&minus;&tau;j}
 * </pre>
 * &tau;_j the time of the j-th rejection, &gamma; the {@link GammaSequence}, W0 &isin; (0, q] the initial
 * wealth. Each discovery earns back wealth, so a rule that has found real changes can spend more
 * on later tests. FDR &le; q at every time for independent p-values, and mFDR &le; q under
 * positive dependence [2, thm. 1].
 *
 * <p>Cost: O(R) per test and 8&middot;R bytes, R = rejections so far (every past rejection
 * contributes a term; summed in order, so decisions are deterministic).
 *
 * <p>[1] Javanmard &amp; Montanari, Ann. Statist. 46(2) 2018, doi:10.1214/17-AOS1559. [2] Ramdas,
 * Yang, Wainwright &amp; Jordan, "Online control of the false discovery rate with decaying memory",
 * NeurIPS 2017, arXiv:1710.00499 (the LORD++ form above).
 */
public final class LordPlusPlus extends FdrRuleBase implements OnlineFdr {
    private static final int STATE_TAG = 0x4C4F5244; // "LORD"

    private final double w0;

    /**
     * @param q  target FDR, in (0, 1)
     * @param w0 initial wealth, in (0, q]; q/2 is the usual choice
     */
    public LordPlusPlus(double q, double w0) {
        super(STATE_TAG, "LORD++", false, new String[] {"q", "w0"}, q, w0);
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("lord.q: must be in (0, 1), got " + q);
        }
        if (!(w0 > 0 && w0 <= q)) {
            throw new IllegalArgumentException("lord.w0: must be in (0, q = " + q + "], got " + w0);
        }
        this.w0 = w0;
    }

    /** LORD++ with W0 = q/2. */
    public static LordPlusPlus withTarget(double q) {
        return new LordPlusPlus(q, q / 2);
    }

    /** The level &alpha;_t the next test will get. O(R). */
    public double nextLevel() {
        return level(w0, targetFdr());
    }

    @Override
    public FdrDecision test(double pValue) {
        OnlineFdr.checkP(pValue);
        return decide(pValue, nextLevel(), false);
    }
}
