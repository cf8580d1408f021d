package io.entroflow.operators.conformal;

import io.entroflow.operators.state.Checkpointable;

/**
 * An online false-discovery-rate rule: p-values arrive one at a time (from many keys, in a fixed
 * order), each is rejected or not on arrival, and E[false discoveries / max(1, discoveries)] stays
 * &le; q at every time for independent null p-values (each uniform or super-uniform). The decision
 * depends only on the p-values so far, in order: a rule restored from a {@link #checkpoint} and fed
 * the same p-values decides identically.
 *
 * <p>Single writer, not thread-safe: one instance sees the whole ordered stream of tests.
 */
public sealed interface OnlineFdr extends Checkpointable permits LordPlusPlus, Saffron, DecayingMemoryLord {

    /**
     * Tests the next p-value.
     *
     * @throws IllegalArgumentException for p outside [0, 1] or NaN; the state is unchanged
     */
    FdrDecision test(double pValue);

    /** Tests so far. */
    long tests();

    /** Rejections (discoveries) so far. */
    long rejections();

    /** The target FDR q. */
    double targetFdr();

    static void checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("fdr.pValue: must be in [0, 1], got " + p);
        }
    }
}
