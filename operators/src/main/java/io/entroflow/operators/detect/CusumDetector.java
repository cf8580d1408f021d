package io.entroflow.operators.detect;

import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

import java.util.Objects;

/**
 * Page's CUSUM [1], two-sided or one-sided, on standardised values z = (x &minus; mean) / sd
 * ({@link Baseline}):
 * <pre>
 * S+_n = max(0, S+_{n&minus;1} + z_n &minus; k)      (side HIGH or TWO_SIDED)
 * S&minus;_n = max(0, S&minus;_{n&minus;1} &minus; z_n &minus; k)      (side LOW or TWO_SIDED)
 * alarm when the watched statistic exceeds h; then S&plusmn; = 0 and the baseline restarts
 * </pre>
 * k (the reference value, in sd) is half the shift to detect fastest: k = 0.5 for a 1-sd shift.
 * h sets ARL0: {@link ArlApproximations#cusumThreshold} inverts Siegmund's approximation [2].
 * O(1) per value; a checkpoint is about 130 bytes.
 *
 * <p>[1] Page, "Continuous inspection schemes", Biometrika 41 (1954), doi:10.1093/biomet/41.1-2.100.
 * [2] Siegmund, <i>Sequential Analysis</i>, Springer 1985, doi:10.1007/978-1-4757-1862-1, ch. X.
 */
public final class CusumDetector extends DetectorBase implements ChangeDetector {
    private static final int STATE_TAG = 0x43555355; // "CUSU"

    /**
     * @param baseline how values are standardised
     * @param side     which shift is watched
     * @param k        reference value in sd, &ge; 0 (0.5 for a 1-sd shift)
     * @param h        threshold, &gt; 0
     */
    public record Config(Baseline baseline, Side side, double k, double h) {
        public Config {
            Objects.requireNonNull(baseline, "cusum.baseline");
            Objects.requireNonNull(side, "cusum.side");
            if (!(k >= 0 && k < 100)) {
                throw new IllegalArgumentException("cusum.k: must be in [0, 100), got " + k);
            }
            if (!(h > 0 && h < 1e6)) {
                throw new IllegalArgumentException("cusum.h: must be in (0, 1e6), got " + h);
            }
        }

        /** A 1-sd shift (k = 0.5) with h from Siegmund's approximation for {@code targetArl0}. */
        public static Config forArl0(Baseline baseline, Side side, double targetArl0) {
            return new Config(baseline, side, 0.5, ArlApproximations.cusumThreshold(0.5, targetArl0, side));
        }
    }

    private final Config config;
    private double up;
    private double down;

    public CusumDetector(Config config) {
        super(STATE_TAG, "CUSUM", "cusum.value", Objects.requireNonNull(config, "config"),
                config.baseline());
        this.config = config;
    }

    @Override
    public boolean update(double value) {
        double z = standardise(value);
        if (Double.isNaN(z)) {
            return false;
        }
        Side side = config.side();
        if (side != Side.LOW) {
            up = Math.max(0, up + z - config.k());
        }
        if (side != Side.HIGH) {
            down = Math.max(0, down - z - config.k());
        }
        double statistic = Math.max(up, down);
        if (settle(statistic, statistic > config.h())) {
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

    /** S+ (0 when side is LOW). */
    public double upper() {
        return up;
    }

    /** S&minus; (0 when side is HIGH). */
    public double lower() {
        return down;
    }

    @Override
    public double threshold() {
        return config.h();
    }

    public Config config() {
        return config;
    }

    @Override
    void writeParameters(StateWriter out) {
        out.putInt(config.side().ordinal()).putDouble(config.k()).putDouble(config.h());
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
