package io.entroflow.operators.conformal;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * LORD with decaying memory for streams that never end [1, 2]: the t-th p-value is rejected when
 * p_t &le; &alpha;_t with
 * <pre>
 * &alpha;_t = q&eta; max(&gamma;_t, 1 &minus; &delta;) + q &Sigma;_{&tau;j &lt; t} &delta;^(t&minus;&tau;j) &gamma;_(t&minus;&tau;j)
 * </pre>
 * &tau;_j the time of the j-th rejection, &gamma; the {@link GammaSequence}, &delta; &isin; (0, 1] the
 * decay per test and &eta; &gt; 0 the offset. Plain LORD++ spends its initial wealth along &gamma;,
 * so after t tests without a discovery its level is about &gamma;_t W0 (4&middot;10<sup>&minus;5</sup>
 * at t = 50 for q = 0.1) and a long-running monitor can no longer discover anything ("alpha-death"
 * [1]). Here the level never falls below the floor q&eta;(1 &minus; &delta;), and a rejection's
 * earned wealth fades by &delta; per test, so the rule forgets old discoveries as well.
 *
 * <p><b>What is controlled.</b> Not the FDR of the whole stream but the decaying-memory FDR with an
 * offset: with V_&delta;(T) = &Sigma;_{t&le;T} &delta;^(T&minus;t) V_t and R_&delta;(T) the same sum of
 * all rejections, E[V_&delta;(T) / (R_&delta;(T) + &eta;)] &le; q at every T for independent null
 * p-values [2] (the mem-FDR of [1] with the offset that removes alpha-death). The effective memory
 * is about 1/(1 &minus; &delta;) tests. With &delta; = 1 it is LORD with W0 = q&eta;&gamma;-spending and
 * no floor (FDR control, and alpha-death).
 *
 * <p><b>Bounded state.</b> A rejection whose weight &delta;^(t&minus;&tau;) has fallen below 2<sup>&minus;60</sup>
 * is dropped (deterministically: a restored rule drops the same ones), so at most the rejections of
 * the last 60&middot;ln 2 / (&minus;ln &delta;) tests are kept (&delta; = 0.999: 41,600 tests).
 *
 * <p>Cost: O(R) per test (one {@code StrictMath.pow} per kept rejection), 8&middot;R bytes, R the kept
 * rejections. Deterministic and bit-identical across JVMs ({@code StrictMath}).
 *
 * <p>[1] Ramdas, Yang, Wainwright &amp; Jordan, "Online control of the false discovery rate with
 * decaying memory", NeurIPS 2017, arXiv:1710.00499 (mem-FDR, mem-LORD++, alpha-death).
 * [2] Rebjock, Kurt, Januschowski &amp; Callot, "Online false discovery rate control for anomaly
 * detection in time series", NeurIPS 2021, arXiv:2112.03196 (the floor and the offset &eta;).
 */
public final class DecayingMemoryLord implements OnlineFdr {
    private static final int STATE_TAG = 0x444C4F52; // "DLOR"
    private static final int VERSION = 1;
    private static final double NEGLIGIBLE = 0x1p-60;

    private final double q;
    private final double decay;
    private final double eta;
    private final double floor;
    private RejectionTimes times = new RejectionTimes();
    private long tests;
    private long rejections;

    /**
     * @param q     target (decaying-memory) FDR, in (0, 1)
     * @param decay &delta;, in (0, 1]; memory about 1/(1 &minus; &delta;) tests
     * @param eta   offset &eta;, in (0, 1]; the floor of the level is q&eta;(1 &minus; &delta;)
     */
    public DecayingMemoryLord(double q, double decay, double eta) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("fdr.q: must be in (0, 1), got " + q);
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("fdr.decay: must be in (0, 1], got " + decay);
        }
        if (!(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("fdr.eta: must be in (0, 1], got " + eta);
        }
        this.q = q;
        this.decay = decay;
        this.eta = eta;
        this.floor = 1 - decay;
    }

    /** The level &alpha;_t the next test will get. O(R). */
    public double nextLevel() {
        long t = tests + 1;
        double level = q * eta * Math.max(GammaSequence.gamma(t), floor);
        double earned = 0;
        for (int j = 0; j < times.size(); j++) {
            long d = t - times.get(j);
            earned += StrictMath.pow(decay, d) * GammaSequence.gamma(d);
        }
        return level + q * earned;
    }

    @Override
    public FdrDecision test(double pValue) {
        OnlineFdr.checkP(pValue);
        double level = nextLevel();
        long t = ++tests;
        boolean rejected = pValue <= level;
        if (rejected) {
            times.add(t);
            rejections++;
        }
        forget();
        return new FdrDecision(t, pValue, level, rejected, false);
    }

    /** Drops the rejections whose weight &delta;^(t+1&minus;&tau;) for the next test is below 2^&minus;60. */
    private void forget() {
        if (decay == 1) {
            return;
        }
        int drop = 0;
        while (drop < times.size() && StrictMath.pow(decay, tests + 1 - times.get(drop)) < NEGLIGIBLE) {
            drop++;
        }
        if (drop > 0) {
            times.dropFirst(drop);
        }
    }

    @Override
    public long tests() {
        return tests;
    }

    @Override
    public long rejections() {
        return rejections;
    }

    /** Rejections still contributing to the level (the others have been forgotten). */
    public int keptRejections() {
        return times.size();
    }

    @Override
    public double targetFdr() {
        return q;
    }

    /** &delta;. */
    public double decay() {
        return decay;
    }

    /** &eta;. */
    public double eta() {
        return eta;
    }

    /**
     * Exact state:
     * <pre>tag, version 1 | q, &delta;, &eta; (raw bits, compared on restore) | tests, rejections, kept &tau;</pre>
     */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(STATE_TAG).putInt(VERSION).putDouble(q).putDouble(decay).putDouble(eta);
        out.putLong(tests).putLong(rejections);
        times.write(out);
        return out.toByteArray();
    }

    /**
     * @throws IllegalArgumentException for a state of another rule, version or parameters, or a corrupt
     *                                  state; nothing changes then
     */
    @Override
    public void restore(byte[] state) {
        StateReader in = new StateReader(state);
        in.expect(STATE_TAG, VERSION, "decaying-memory LORD");
        double theirQ = in.getDouble();
        double theirDecay = in.getDouble();
        double theirEta = in.getDouble();
        if (Double.doubleToRawLongBits(theirQ) != Double.doubleToRawLongBits(q)
                || Double.doubleToRawLongBits(theirDecay) != Double.doubleToRawLongBits(decay)
                || Double.doubleToRawLongBits(theirEta) != Double.doubleToRawLongBits(eta)) {
            throw new IllegalArgumentException("state: decaying-memory LORD of q = " + theirQ + ", decay = "
                    + theirDecay + ", eta = " + theirEta + " restored into one of q = " + q + ", decay = " + decay
                    + ", eta = " + eta);
        }
        long t = in.getLong();
        long r = in.getLong();
        RejectionTimes tau = new RejectionTimes();
        tau.read(in);
        in.expectEnd();
        if (t < 0 || r < tau.size() || tau.size() > 0 && tau.get(tau.size() - 1) > t) {
            throw new IllegalArgumentException("state: decaying-memory LORD with " + t + " tests, " + r
                    + " rejections and " + tau.size() + " kept rejection times");
        }
        tests = t;
        rejections = r;
        times = tau;
    }
}
