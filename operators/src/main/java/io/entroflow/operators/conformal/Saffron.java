package io.entroflow.operators.conformal;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

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
public final class Saffron implements OnlineFdr {
    private static final int STATE_TAG = 0x53414646; // "SAFF"

    private final double q;
    private final double lambda;
    private final double w0;
    private RejectionTimes times = new RejectionTimes();       // tau_j
    private RejectionTimes candidatesAt = new RejectionTimes(); // candidates among 1..tau_j
    private long tests;
    private long candidates;

    /**
     * @param q      target FDR, in (0, 1)
     * @param lambda candidate threshold, in (0, 1); 1/2 is the usual choice
     * @param w0     initial wealth, in (0, (1 &minus; &lambda;)&middot;q)
     */
    public Saffron(double q, double lambda, double w0) {
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
        this.q = q;
        this.lambda = lambda;
        this.w0 = w0;
    }

    /** SAFFRON with &lambda; = 1/2 and W0 = (1 &minus; &lambda;)q/2. */
    public static Saffron withTarget(double q) {
        return new Saffron(q, 0.5, 0.25 * q);
    }

    /** The level &alpha;_t the next test will get. O(R). */
    public double nextLevel() {
        long t = tests + 1;
        double spend = (1 - lambda) * q;
        double level = w0 * GammaSequence.gamma(t - candidates);
        int r = times.size();
        if (r > 0) {
            level += (spend - w0) * GammaSequence.gamma(t - times.get(0) - (candidates - candidatesAt.get(0)));
            double rest = 0;
            for (int j = 1; j < r; j++) {
                rest += GammaSequence.gamma(t - times.get(j) - (candidates - candidatesAt.get(j)));
            }
            level += spend * rest;
        }
        return Math.min(lambda, level);
    }

    @Override
    public FdrDecision test(double pValue) {
        OnlineFdr.checkP(pValue);
        double level = nextLevel();
        long t = ++tests;
        boolean candidate = pValue <= lambda;
        if (candidate) {
            candidates++;
        }
        boolean rejected = pValue <= level;
        if (rejected) {
            times.add(t);
            candidatesAt.add(candidates);
        }
        return new FdrDecision(t, pValue, level, rejected, candidate);
    }

    @Override
    public long tests() {
        return tests;
    }

    @Override
    public long rejections() {
        return times.size();
    }

    @Override
    public double targetFdr() {
        return q;
    }

    /** Exact state: parameters, counters, rejection times with their candidate counts. O(R). */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(STATE_TAG).putInt(1).putDouble(q).putDouble(lambda).putDouble(w0).putLong(tests).putLong(candidates);
        times.write(out);
        candidatesAt.write(out);
        return out.toByteArray();
    }

    @Override
    public void restore(byte[] state) {
        StateReader in = new StateReader(state);
        in.expect(STATE_TAG, 1, "SAFFRON");
        double sq = in.getDouble();
        double sl = in.getDouble();
        double sw = in.getDouble();
        if (Double.doubleToRawLongBits(sq) != Double.doubleToRawLongBits(q)
                || Double.doubleToRawLongBits(sl) != Double.doubleToRawLongBits(lambda)
                || Double.doubleToRawLongBits(sw) != Double.doubleToRawLongBits(w0)) {
            throw new IllegalArgumentException("state: SAFFRON of q = " + sq + ", lambda = " + sl + ", w0 = " + sw
                    + " restored into one of q = " + q + ", lambda = " + lambda + ", w0 = " + w0);
        }
        long t = in.getLong();
        long c = in.getLong();
        RejectionTimes tau = new RejectionTimes();
        tau.read(in);
        RejectionTimes at = new RejectionTimes();
        at.read(in);
        in.expectEnd();
        if (tau.size() != at.size()) {
            throw new IllegalArgumentException("state: SAFFRON with " + tau.size() + " rejection times and "
                    + at.size() + " candidate counts");
        }
        tests = t;
        candidates = c;
        times = tau;
        candidatesAt = at;
    }
}
