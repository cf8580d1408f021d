package io.entroflow.operators.conformal;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.state.Checkpointable;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Objects;

/**
 * Conformal p-values for one key's stream of values: the current value is ranked among the key's
 * own last N calibration values, so "p &le; alpha" is an alert with false-alarm probability alpha
 * whenever the calibration values and the value are exchangeable [1].
 *
 * <p>With G, L, E the numbers of calibration values above, below and equal to the value x, and U
 * a uniform variate in (0, 1) (output number {@code index} of SplitMix64 seeded with {@code seed}):
 * <pre>
 * p_high = (G + U&middot;(E + 1)) / (N + 1)          large values extreme
 * p_low  = (L + U&middot;(E + 1)) / (N + 1)          small values extreme
 * p_two  = min(1, 2&middot;min(p_high, p_low'))        p_low' = (L + (1 &minus; U)&middot;(E + 1)) / (N + 1) = 1 &minus; p_high
 * </pre>
 * The "+1" in E + 1 is the value itself. Under exchangeability each one-sided p is exactly
 * uniform on (0, 1) [1, ch. 2]. Two-sided uses the same U for both tails, so p_low' = 1 &minus; p_high
 * and the events {p_high &le; a/2} and {p_low' &le; a/2} are disjoint: p_two is exactly uniform too,
 * and no median or centre needs estimating (ranking by |x &minus; median| would estimate the median
 * from the calibration values only, which breaks the symmetry between them and x). With
 * {@code randomisedTies = false}, U = 1 in both tails (every tie counts as more extreme): the
 * classical p = (1 + #{at least as extreme}) / (N + 1), valid but conservative.
 *
 * <p><b>Stride.</b> {@link #update} scores every value; the S-th, 2S-th, .. value (1-based) then
 * joins the calibration values, evicting the oldest beyond N. For sliding-window aggregates
 * choose S = the window length: calibration windows then do not overlap, and for a source that
 * mixes within a window (i.i.d. events, or a Markov chain whose dependence decays within S events)
 * they are close to exchangeable blocks (de Finetti for Markov chains, Diaconis &amp; Freedman
 * 1980). Values between calibration points overlap the last calibration window: their p-values
 * are alert signals but only the stride points have the per-window guarantee. {@link #score} and
 * {@link #calibrate} let a caller choose calibration values itself.
 *
 * <p><b>Cost.</b> A p-value: two binary searches, O(log N). A calibration value: O(log N) search
 * plus O(N) element moves ({@code System.arraycopy} of the sorted array), i.e. O(log N + N/S)
 * amortised per value: measured 110&ndash;150 ns per value with S = 100, 300 ns at N = 1,000 and
 * 1&nbsp;µs at N = 10,000 with S = 1 (docs/alerts.md). Memory 16&middot;N bytes.
 *
 * <p><b>State.</b> {@link #checkpoint} holds the calibration values in arrival order and two
 * counters; {@link #restore} rebuilds the sorted array, and the restored calibrator gives
 * bit-identical p-values (the tie variates depend on the counter only).
 *
 * <p>Single writer, not thread-safe: the alert engine owns one per rule and key.
 *
 * <p>[1] Vovk, Gammerman &amp; Shafer, <i>Algorithmic Learning in a Random World</i>, Springer 2005,
 * doi:10.1007/b106715. [2] Barber, Cand&egrave;s, Ramdas &amp; Tibshirani, "Conformal prediction beyond
 * exchangeability", Ann. Statist. 51(2) 2023, doi:10.1214/23-AOS2276: under dependence the excess
 * false-alarm rate is bounded by the distance from exchangeability.
 */
public final class ConformalCalibrator implements Checkpointable {
    private static final int STATE_TAG = 0x434F4E46; // "CONF"

    private final ConformalConfig config;
    private final CalibrationWindow window;
    private long scored;    // values scored so far (index of the next one)
    private long updates;   // values seen by update() (drives the stride)

    public ConformalCalibrator(ConformalConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.window = new CalibrationWindow(config.calibrationSize());
    }

    /**
     * Scores {@code value} against the current calibration values and, when it is the S-th value
     * since the last calibration value, adds it to them. O(log N), plus O(N) on calibration values.
     *
     * @throws RejectedEventException (not_finite) for NaN or an infinity; nothing changes
     */
    public ConformalPValue update(double value) {
        RejectedEventException.requireFinite("conformal.value", value);
        boolean calibration = (updates + 1) % config.stride() == 0;
        ConformalPValue p = scoreFinite(value, calibration);
        updates++;
        if (calibration) {
            window.add(value);
        }
        return p;
    }

    /**
     * Scores {@code value} without changing the calibration values (the tie counter advances).
     *
     * @throws RejectedEventException (not_finite) for NaN or an infinity; nothing changes
     */
    public ConformalPValue score(double value) {
        RejectedEventException.requireFinite("conformal.value", value);
        return scoreFinite(value, false);
    }

    /**
     * Adds a calibration value chosen by the caller (evicting the oldest beyond N).
     *
     * @throws RejectedEventException (not_finite) for NaN or an infinity; nothing changes
     */
    public void calibrate(double value) {
        RejectedEventException.requireFinite("conformal.value", value);
        window.add(value);
    }

    private ConformalPValue scoreFinite(double x, boolean calibration) {
        long index = scored++;
        if (!window.full()) {
            return new ConformalPValue(index, Double.NaN, true, false, calibration);
        }
        double p = pValue(config, window.countAbove(x), window.countBelow(x), TieNoise.uniform(config.seed(), index));
        return new ConformalPValue(index, p, false, p <= config.alpha(), calibration);
    }

    /** The p-value from the counts above and below among N = calibrationSize values, and the variate u. */
    static double pValue(ConformalConfig config, int above, int below, double u) {
        int n = config.calibrationSize();
        double ties = n - above - below + 1.0;
        double denominator = n + 1.0;
        double uHigh = config.randomisedTies() ? u : 1.0;
        double uLow = config.randomisedTies() ? 1.0 - u : 1.0;
        return switch (config.side()) {
            case HIGH -> (above + uHigh * ties) / denominator;
            case LOW -> (below + uHigh * ties) / denominator;
            case TWO_SIDED -> Math.min(1.0, 2.0 * Math.min((above + uHigh * ties) / denominator,
                    (below + uLow * ties) / denominator));
        };
    }

    /** True until N calibration values exist. */
    public boolean warmingUp() {
        return !window.full();
    }

    /** The number of calibration values held (at most N). */
    public int calibrationValues() {
        return window.size();
    }

    /** The number of values scored so far. */
    public long scored() {
        return scored;
    }

    /** The calibration values, oldest first (a copy). O(N). */
    public double[] calibrationSnapshot() {
        return window.oldestFirst();
    }

    public ConformalConfig config() {
        return config;
    }

    /** The exact state: configuration fingerprint, counters, calibration values oldest first. O(N). */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(STATE_TAG).putInt(1);
        writeConfig(out);
        out.putLong(scored).putLong(updates).putDoubles(window.oldestFirst());
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of a calibrator of the same configuration. O(N log N).
     *
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    @Override
    public void restore(byte[] state) {
        StateReader in = new StateReader(state);
        in.expect(STATE_TAG, 1, "conformal calibrator");
        StateWriter mine = new StateWriter();
        writeConfig(mine);
        if (!in.matches(mine.toByteArray())) {
            throw new IllegalArgumentException("state: conformal calibrator of another configuration restored into " + config);
        }
        long s = in.getLong();
        long u = in.getLong();
        double[] values = in.getDoubles();
        in.expectEnd();
        if (values.length > config.calibrationSize() || s < 0 || u < 0) {
            throw new IllegalArgumentException("state: conformal calibrator holds " + values.length
                    + " values, more than calibrationSize = " + config.calibrationSize());
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("state: conformal calibration value " + v + " is not finite");
            }
        }
        scored = s;
        updates = u;
        window.reset(values);
    }

    private void writeConfig(StateWriter out) {
        out.putInt(config.calibrationSize()).putInt(config.stride()).putInt(config.side().ordinal())
                .putDouble(config.alpha()).putBoolean(config.randomisedTies()).putLong(config.seed());
    }
}
