package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Objects;

/**
 * The Shiryaev-Roberts procedure [1, 2] for a Gaussian mean shift of &mu; sd, on standardised
 * values z = (x &minus; mean) / sd ({@link Baseline}):
 * <pre>
 * &Lambda;&plusmn;_n = exp(&plusmn;&mu; z_n &minus; &mu;&sup2;/2)             likelihood ratio of N(&plusmn;&mu;, 1) to N(0, 1)
 * R&plusmn;_n = (1 + R&plusmn;_{n&minus;1}) &middot; &Lambda;&plusmn;_n,  R&plusmn;_0 = 0
 * alarm when the watched R reaches A; then R&plusmn; = 0 and the baseline restarts
 * </pre>
 * R_n &minus; n is a zero-mean martingale before the change, so ARL0 &ge; A exactly (optional
 * stopping); with the overshoot correction ARL0 &asymp; A / &nu;(&mu;) one-sided [3], about half that
 * two-sided ({@link ArlApproximations#shiryaevRobertsThreshold}). SR minimises the average delay
 * to detection among procedures with the same ARL0 when the change comes late (Pollak 1985).
 * O(1) per value: one {@code Math.exp} per watched side.
 *
 * <p>[1] Shiryaev, "On optimum methods in quickest detection problems", Theory Probab. Appl. 8
 * (1963), doi:10.1137/1108002. [2] Roberts, "A comparison of some control chart procedures",
 * Technometrics 8 (1966), doi:10.1080/00401706.1966.10490374. [3] Pollak, "Average run lengths of
 * an optimal method of detecting a change in distribution", Ann. Statist. 15(2) 1987,
 * doi:10.1214/aos/1176350364.
 */
public final class ShiryaevRobertsDetector extends DetectorBase implements ChangeDetector {
    private static final int STATE_TAG = 0x53524F42; // "SROB"

    /**
     * @param baseline  how values are standardised
     * @param side      which shift is watched
     * @param shift     &mu;, the shift in sd the likelihood ratio is built for, in (0, 10]
     * @param threshold A, &gt; 1
     */
    public record Config(Baseline baseline, Side side, double shift, double threshold) {
        public Config {
            Objects.requireNonNull(baseline, "shiryaevRoberts.baseline");
            Objects.requireNonNull(side, "shiryaevRoberts.side");
            if (!(shift > 0 && shift <= 10)) {
                throw new IllegalArgumentException("shiryaevRoberts.shift: must be in (0, 10], got " + shift);
            }
            if (!(threshold > 1 && threshold < 1e300)) {
                throw new IllegalArgumentException("shiryaevRoberts.threshold: must be in (1, 1e300), got " + threshold);
            }
        }

        /** A 1-sd shift with A from the overshoot-corrected approximation for {@code targetArl0}. */
        public static Config forArl0(Baseline baseline, Side side, double targetArl0) {
            return new Config(baseline, side, 1.0, ArlApproximations.shiryaevRobertsThreshold(1.0, targetArl0, side));
        }
    }

    private final Config config;
    private final double halfSquare;
    private double up;
    private double down;

    public ShiryaevRobertsDetector(Config config) {
        super(STATE_TAG, "Shiryaev-Roberts", "shiryaevRoberts.value", Objects.requireNonNull(config, "config"),
                config.baseline());
        this.config = config;
        this.halfSquare = config.shift() * config.shift() / 2;
    }

    @Override
    public boolean update(double value) {
        double z = standardise(value);
        if (Double.isNaN(z)) {
            return false;
        }
        double mu = config.shift();
        Side side = config.side();
        if (side != Side.LOW) {
            up = (1 + up) * Math.exp(mu * z - halfSquare);
        }
        if (side != Side.HIGH) {
            down = (1 + down) * Math.exp(-mu * z - halfSquare);
        }
        double statistic = Math.max(up, down);
        if (settle(statistic, statistic >= config.threshold())) {
            restart();
            return true;
        }
        return false;
    }

    @Override
    public void restart() {
        up = 0;
        down = 0;
        restartBaseline();
    }

    @Override
    public double threshold() {
        return config.threshold();
    }

    public Config config() {
        return config;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.putInt(config.side().ordinal()).putDouble(config.shift()).putDouble(config.threshold());
    }

    @Override
    void writeState(StateWriter out) {
        out.putDouble(up).putDouble(down);
    }

    @Override
    void readState(StateReader in) {
        up = in.getDouble();
        down = in.getDouble();
    }
}
