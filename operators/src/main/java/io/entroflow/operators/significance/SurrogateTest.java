package io.entroflow.operators.significance;

import io.entroflow.operators.internal.joint.JointTables;

import java.util.SplittableRandom;

/**
 * Surrogate (permutation) test of a plug-in conditional mutual information I(A;B|C), which covers
 * MI (C empty) and transfer entropy (A = next target symbol, B = source history, C = target
 * history [and condition history]).
 *
 * <p>Each sample is one packed joint code (see {@link io.entroflow.operators.internal.joint.JointCodeLayout}).
 * A surrogate keeps every sample's A and C bits and re-assigns the B bits (the source part)
 * among samples: {@link Shuffle#SOURCE} by a uniform random permutation of all samples (JIDT's
 * scheme: it keeps the source history vectors intact and destroys only their relation to the
 * target), {@link Shuffle#BLOCK} by permuting consecutive blocks of {@code blockLength} samples,
 * which keeps the source's short-range autocorrelation. The surrogates use a
 * {@link SplittableRandom} seeded with {@code seed}: the same input and seed give the same result.
 *
 * <p>Result: p = (1 + #{surrogates &ge; observed}) / (1 + count), never 0; the surrogate mean is
 * the estimator's bias under the null (subtract it for a bias-corrected estimate).
 *
 * <p>Cost: O(count &middot; samples). Stateless, thread-safe.
 */
public final class SurrogateTest {
    private SurrogateTest() {
    }

    /** How surrogate sources are drawn. */
    public enum Shuffle {
        /** A uniform random permutation of the samples' source parts. */
        SOURCE,
        /** A uniform random permutation of blocks of consecutive samples' source parts. */
        BLOCK
    }

    /**
     * The outcome of a surrogate test.
     *
     * @param observedNats  I(A;B|C) of the data, nats
     * @param pValue        (1 + #{surrogate &ge; observed}) / (1 + surrogates)
     * @param surrogateMeanNats mean of the surrogate values, nats: the bias under the null
     * @param surrogates    number of surrogates
     */
    public record Result(double observedNats, double pValue, double surrogateMeanNats, int surrogates) {
    }

    /**
     * Runs the test.
     *
     * @param codes       one packed joint code per sample
     * @param maskA       bits of A (e.g. the next target symbol)
     * @param maskB       bits of B, the part that is shuffled (the source)
     * @param maskC       bits of the condition C (0 for plain MI)
     * @param surrogates  number of surrogates, 1 .. 10<sup>6</sup>
     * @param shuffle     source or block shuffle
     * @param blockLength samples per block for {@link Shuffle#BLOCK}, &ge; 1 (ignored otherwise)
     * @param seed        random seed
     */
    public static Result run(long[] codes, long maskA, long maskB, long maskC, int surrogates, Shuffle shuffle,
                             int blockLength, long seed) {
        if (surrogates < 1 || surrogates > 1_000_000) {
            throw new IllegalArgumentException("surrogates: must be 1..1000000, got " + surrogates);
        }
        if (shuffle == Shuffle.BLOCK && blockLength < 1) {
            throw new IllegalArgumentException("blockLength: must be >= 1, got " + blockLength);
        }
        JointTables tables = JointTables.counting(Math.max(1, codes.length),
                JointTables.conditionalMutualInformationMasks(maskA, maskB, maskC));
        double observed = estimate(tables, codes);
        long keep = ~maskB;
        long[] sources = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            sources[i] = codes[i] & maskB;
        }
        long[] surrogate = new long[codes.length];
        SplittableRandom random = new SplittableRandom(seed);
        int atLeast = 0;
        double sum = 0;
        int blocks = shuffle == Shuffle.BLOCK ? (codes.length + blockLength - 1) / blockLength : codes.length;
        int[] order = new int[blocks];
        for (int s = 0; s < surrogates; s++) {
            permute(order, random);
            if (shuffle == Shuffle.SOURCE) {
                for (int i = 0; i < codes.length; i++) {
                    surrogate[i] = (codes[i] & keep) | sources[order[i]];
                }
            } else {
                int i = 0;
                for (int b = 0; b < blocks && i < codes.length; b++) {
                    int from = order[b] * blockLength;
                    int to = Math.min(codes.length, from + blockLength);
                    for (int j = from; j < to && i < codes.length; j++, i++) {
                        surrogate[i] = (codes[i] & keep) | sources[j];
                    }
                }
            }
            double value = estimate(tables, surrogate);
            sum += value;
            if (value >= observed - 1e-12 * Math.max(1.0, Math.abs(observed))) {
                atLeast++;
            }
        }
        return new Result(observed, (1.0 + atLeast) / (1.0 + surrogates), sum / surrogates, surrogates);
    }

    private static double estimate(JointTables tables, long[] codes) {
        tables.clear();
        for (long c : codes) {
            tables.add(c, 1.0);
        }
        return JointTables.conditionalMutualInformationNats(tables.sums());
    }

    private static void permute(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
