package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Objects;

/**
 * The Page-Hinkley test [1, 2], two-sided or one-sided, on standardised values
 * z = (x &minus; mean) / sd ({@link Baseline}), centred by their own running mean since the restart,
 * as in the data-stream literature [3]:
 * <pre>
 * z&#772;_n = (1/n) &Sigma;_{t&le;n} z_t                           (n counts values since the baseline froze)
 * U_n = &Sigma;_{t&le;n} (z_t &minus; z&#772;_t &minus; &delta;),  PH+ = U_n &minus; min(0, min_{t&le;n} U_t)          (HIGH)
 * L_n = &Sigma;_{t&le;n} (z_t &minus; z&#772;_t + &delta;),  PH&minus; = max(0, max_{t&le;n} L_t) &minus; L_n          (LOW)
 * alarm when the watched statistic exceeds &lambda;; then everything restarts with the baseline
 * </pre>
 * With z&#772; replaced by the baseline mean (0) this is CUSUM with k = &delta;; the running mean makes
 * it robust to a small bias in an estimated baseline, at the price of a longer delay: a shift
 * also raises z&#772;, which eats part of each new term, and a shift present from the first value
 * after a restart is invisible (z&#772; starts at it). Thresholds: the CUSUM approximation
 * ({@link ArlApproximations#pageHinkleyThreshold}); docs/alerts.md measures how close it is.
 * O(1) per value.
 *
 * <p>[1] Page, Biometrika 41 (1954), doi:10.1093/biomet/41.1-2.100. [2] Hinkley, "Inference about
 * the change-point from cumulative sum tests", Biometrika 58 (1971), doi:10.1093/biomet/58.3.509.
 * [3] Gama, &Zcaron;liobait&#279;, Bifet, Pechenizkiy &amp; Bouchachia, "A survey on concept drift
 * adaptation", ACM Comput. Surv. 46(4) 2014, doi:10.1145/2523813.
 */
public final class PageHinkleyDetector extends DetectorBase implements ChangeDetector {
    private static final int STATE_TAG = 0x50484B59; // "PHKY"

    /**
     * @param baseline how values are standardised
     * @param side     which shift is watched
     * @param delta    tolerated drift in sd, &ge; 0 (0.5 for a 1-sd shift)
     * @param lambda   threshold, &gt; 0
     */
    public record Config(Baseline baseline, Side side, double delta, double lambda) {
        public Config {
            Objects.requireNonNull(baseline, "pageHinkley.baseline");
            Objects.requireNonNull(side, "pageHinkley.side");
            if (!(delta >= 0 && delta < 100)) {
                throw new IllegalArgumentException("pageHinkley.delta: must be in [0, 100), got " + delta);
            }
            if (!(lambda > 0 && lambda < 1e6)) {
                throw new IllegalArgumentException("pageHinkley.lambda: must be in (0, 1e6), got " + lambda);
            }
        }

        /** &delta; = 0.5 with &lambda; from the CUSUM approximation for {@code targetArl0}. */
        public static Config forArl0(Baseline baseline, Side side, double targetArl0) {
            return new Config(baseline, side, 0.5, ArlApproximations.pageHinkleyThreshold(0.5, targetArl0, side));
        }
    }

    private final Config config;
    private long n;
    private double mean;
    private double upSum;
    private double upMin;
    private double downSum;
    private double downMax;

    public PageHinkleyDetector(Config config) {
        super(STATE_TAG, "Page-Hinkley", "pageHinkley.value", Objects.requireNonNull(config, "config"),
                config.baseline());
        this.config = config;
    }

    @Override
    public boolean update(double value) {
        double z = standardise(value);
        if (Double.isNaN(z)) {
            return false;
        }
        n++;
        mean += (z - mean) / n;
        double centred = z - mean;
        Side side = config.side();
        double up = 0;
        double down = 0;
        if (side != Side.LOW) {
            upSum += centred - config.delta();
            upMin = Math.min(upMin, upSum);
            up = upSum - upMin;
        }
        if (side != Side.HIGH) {
            downSum += centred + config.delta();
            downMax = Math.max(downMax, downSum);
            down = downMax - downSum;
        }
        double statistic = Math.max(up, down);
        if (settle(statistic, statistic > config.lambda())) {
            restart();
            return true;
        }
        return false;
    }

    @Override
    public void restart() {
        n = 0;
        mean = 0;
        upSum = 0;
        upMin = 0;
        downSum = 0;
        downMax = 0;
        restartBaseline();
    }

    @Override
    public double threshold() {
        return config.lambda();
    }

    public Config config() {
        return config;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.putInt(config.side().ordinal()).putDouble(config.delta()).putDouble(config.lambda());
    }

    @Override
    void writeState(StateWriter out) {
        out.putLong(n).putDouble(mean).putDouble(upSum).putDouble(upMin).putDouble(downSum).putDouble(downMax);
    }

    @Override
    void readState(StateReader in) {
        n = in.getLong();
        mean = in.getDouble();
        upSum = in.getDouble();
        upMin = in.getDouble();
        downSum = in.getDouble();
        downMax = in.getDouble();
    }
}
