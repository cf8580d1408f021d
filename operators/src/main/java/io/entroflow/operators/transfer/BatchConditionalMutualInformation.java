package io.entroflow.operators.transfer;

import io.entroflow.operators.internal.joint.JointTables;

import java.util.Objects;

/**
 * Plug-in conditional mutual information I(A;B|C) of a range of {@link JointSamples}, recomputed
 * from scratch: the batch computation the incremental operators avoid (a reference for tests and
 * the baseline of the benchmarks).
 *
 * <p>I(A;B|C) = H(A,C) + H(B,C) &minus; H(A,B,C) &minus; H(C), each entropy a plug-in estimate over
 * the samples' counts; nats. With C empty it is the mutual information I(A;B); for samples made by
 * {@link TransferEntropyOperator#samples} it is the transfer entropy of the range. The result
 * equals that of an operator over a count window holding the same samples (the same exact count
 * tables, the same formula).
 *
 * <p>Cost: O(to &minus; from) per evaluation, no allocation (the count tables are built once, for
 * up to {@code maxSamples} samples, and cleared before each evaluation). Not thread-safe.
 */
public final class BatchConditionalMutualInformation {
    private final long[] codes;
    private final int maxSamples;
    private final JointTables tables;

    /**
     * @param samples    the samples' codes and masks (the codes array is used, not copied)
     * @param maxSamples largest range to be evaluated, &ge; 1
     * @throws IllegalArgumentException for maxSamples &lt; 1
     */
    public BatchConditionalMutualInformation(JointSamples samples, int maxSamples) {
        Objects.requireNonNull(samples, "samples");
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples: expected >= 1, got " + maxSamples);
        }
        this.codes = samples.codes();
        this.maxSamples = maxSamples;
        this.tables = JointTables.counting(maxSamples,
                JointTables.conditionalMutualInformationMasks(samples.maskA(), samples.maskB(), samples.maskC()));
    }

    /**
     * I(A;B|C) in nats over samples {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @throws IllegalArgumentException for a range outside the samples or longer than maxSamples
     */
    public double nats(int from, int to) {
        if (from < 0 || from > to || to > codes.length || to - from > maxSamples) {
            throw new IllegalArgumentException("range: expected 0 <= from <= to <= " + codes.length + " and at most "
                    + maxSamples + " samples, got " + from + ".." + to);
        }
        tables.clear();
        for (int i = from; i < to; i++) {
            tables.add(codes[i], 1.0);
        }
        return tables.conditionalMutualInformationNats();
    }
}
