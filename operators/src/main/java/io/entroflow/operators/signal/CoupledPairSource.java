package io.entroflow.operators.signal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A driver Y and a follower X with a known transfer entropy. Y is i.i.d. uniform over m symbols.
 * Before the switch time s, X is i.i.d. uniform and independent of Y; from sample s on,
 * X<sub>t</sub> = Y<sub>t&minus;u</sub>, replaced with probability e by one of the other m&minus;1 symbols
 * (uniformly). Columns {@code x}, {@code y}, {@code coupled} (1 from sample max(s, u) on, else 0:
 * the first u samples have no Y<sub>t&minus;u</sub> to copy).
 *
 * <p>Ground truth once coupled (for TE with source lag u and any target history, since X's past is
 * independent of Y<sub>t&minus;u</sub>): TE<sub>Y&rarr;X</sub> = log<sub>2</sub> m &minus; H<sub>2</sub>(e) &minus;
 * e&middot;log<sub>2</sub>(m&minus;1) bits ({@link #transferEntropyBits()}); TE<sub>X&rarr;Y</sub> = 0; before the
 * switch both are 0. O(1) per sample.
 */
public final class CoupledPairSource implements SignalGenerator {
    private final int alphabet;
    private final int lag;
    private final double flip;
    private final long switchAt;
    private final SplittableRandom random;
    private final int[] pastY;
    private long t;

    /**
     * @param alphabet m, 2 .. 2<sup>16</sup>
     * @param lag      u &ge; 1
     * @param flip     e, 0..1
     * @param switchAt s &ge; 0, the first coupled sample
     * @param seed     random seed
     */
    public CoupledPairSource(int alphabet, int lag, double flip, long switchAt, long seed) {
        if (alphabet < 2 || alphabet > (1 << 16)) {
            throw new IllegalArgumentException("alphabet: expected 2..65536, got " + alphabet);
        }
        if (lag < 1 || lag > (1 << 20)) {
            throw new IllegalArgumentException("lag: expected 1..2^20, got " + lag);
        }
        if (switchAt < 0) {
            throw new IllegalArgumentException("switch: expected >= 0, got " + switchAt);
        }
        this.alphabet = alphabet;
        this.lag = lag;
        this.flip = Checks.probability("flip", flip);
        this.switchAt = switchAt;
        this.random = new SplittableRandom(seed);
        this.pastY = new int[lag];
    }

    @Override
    public List<String> columns() {
        return List.of("x", "y", "coupled");
    }

    @Override
    public void next(double[] row) {
        int slot = (int) (t % lag);
        int x;
        boolean coupled = t >= switchAt && t >= lag; // Y_{t-u} exists only from sample u on
        if (coupled) {
            x = pastY[slot];
            if (random.nextDouble() < flip) {
                x = (x + 1 + random.nextInt(alphabet - 1)) % alphabet;
            }
        } else {
            x = random.nextInt(alphabet);
        }
        int y = random.nextInt(alphabet);
        pastY[slot] = y;
        t++;
        row[0] = x;
        row[1] = y;
        row[2] = coupled ? 1 : 0;
    }

    /** The transfer entropy Y&rarr;X once coupled, bits. */
    public double transferEntropyBits() {
        double h2 = flip <= 0 || flip >= 1 ? 0
                : -(flip * Math.log(flip) + (1 - flip) * Math.log(1 - flip)) / Math.log(2);
        return Math.log(alphabet) / Math.log(2) - h2 - flip * Math.log(alphabet - 1) / Math.log(2);
    }
}
