package io.entroflow.operators.conformal;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

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
public final class LordPlusPlus implements OnlineFdr {
    private static final int STATE_TAG = 0x4C4F5244; // "LORD"

    private final double q;
    private final double w0;
    private RejectionTimes rejections = new RejectionTimes();
    private long tests;

    /**
     * @param q  target FDR, in (0, 1)
     * @param w0 initial wealth, in (0, q]; q/2 is the usual choice
     */
    public LordPlusPlus(double q, double w0) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("lord.q: must be in (0, 1), got " + q);
        }
        if (!(w0 > 0 && w0 <= q)) {
            throw new IllegalArgumentException("lord.w0: must be in (0, q = " + q + "], got " + w0);
        }
        this.q = q;
        this.w0 = w0;
    }

    /** LORD++ with W0 = q/2. */
    public static LordPlusPlus withTarget(double q) {
        return new LordPlusPlus(q, q / 2);
    }

    /** The level &alpha;_t the next test will get. O(R). */
    public double nextLevel() {
        long t = tests + 1;
        double level = GammaSequence.gamma(t) * w0;
        int r = rejections.size();
        if (r > 0) {
            level += (q - w0) * GammaSequence.gamma(t - rejections.get(0));
            double rest = 0;
            for (int j = 1; j < r; j++) {
                rest += GammaSequence.gamma(t - rejections.get(j));
            }
            level += q * rest;
        }
        return level;
    }

    @Override
    public FdrDecision test(double pValue) {
        OnlineFdr.checkP(pValue);
        double level = nextLevel();
        long t = ++tests;
        boolean rejected = pValue <= level;
        if (rejected) {
            rejections.add(t);
        }
        return new FdrDecision(t, pValue, level, rejected, false);
    }

    @Override
    public long tests() {
        return tests;
    }

    @Override
    public long rejections() {
        return rejections.size();
    }

    @Override
    public double targetFdr() {
        return q;
    }

    /** Exact state: q, W0, the number of tests and the rejection times. O(R). */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(STATE_TAG).putInt(1).putDouble(q).putDouble(w0).putLong(tests);
        rejections.write(out);
        return out.toByteArray();
    }

    @Override
    public void restore(byte[] state) {
        StateReader in = new StateReader(state);
        in.expect(STATE_TAG, 1, "LORD++");
        double sq = in.getDouble();
        double sw = in.getDouble();
        if (Double.doubleToRawLongBits(sq) != Double.doubleToRawLongBits(q)
                || Double.doubleToRawLongBits(sw) != Double.doubleToRawLongBits(w0)) {
            throw new IllegalArgumentException("state: LORD++ of q = " + sq + ", w0 = " + sw
                    + " restored into one of q = " + q + ", w0 = " + w0);
        }
        long t = in.getLong();
        RejectionTimes r = new RejectionTimes();
        r.read(in);
        in.expectEnd();
        tests = t;
        rejections = r;
    }
}
