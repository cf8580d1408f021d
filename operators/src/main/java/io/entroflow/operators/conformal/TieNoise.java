package io.entroflow.operators.conformal;

/**
 * The uniform variate that randomises conformal ties: the n-th output of SplitMix64 (Steele, Lea
 * and Flood, OOPSLA 2014, doi:10.1145/2660193.2660195) seeded with {@code seed}, mapped to the open
 * interval (0, 1). A pure function of (seed, n): no hidden generator state, so a calibrator
 * restored from a checkpoint draws the same variates as one never interrupted.
 */
final class TieNoise {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private TieNoise() {
    }

    /** U(seed, n) in (0, 1): ((z &gt;&gt;&gt; 11) + 1/2)&middot;2<sup>&minus;53</sup>, z = SplitMix64 output n. */
    static double uniform(long seed, long n) {
        long z = seed + (n + 1) * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return ((z >>> 11) + 0.5) * 0x1.0p-53;
    }
}
