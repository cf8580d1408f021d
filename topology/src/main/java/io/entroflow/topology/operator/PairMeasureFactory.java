package io.entroflow.topology.operator;

import io.entroflow.operators.transfer.MutualInformationConfig;
import io.entroflow.operators.transfer.MutualInformationOperator;
import io.entroflow.operators.transfer.MutualInformationSnapshot;
import io.entroflow.operators.transfer.PairMeasure;

import io.entroflow.schemas.spec.SpecPathException;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Factory for the two-stream measures over signals {@code [x, y]} or {@code [x, y, z]} (every
 * entropy then conditioned on Z), backed by {@link MutualInformationOperator}:
 * {@code mutual-info} I(X;Y), {@code normalized-mutual-info} I/&radic;(H(X)H(Y)) (unitless, 0..1),
 * {@code conditional-entropy} H(X|Y), {@code entropic-distance} H(X|Y)+H(Y|X). Any window kind (no
 * history; decay and cumulative windows are checkpointed). The result carries the analytic chi-square
 * p-value of I(X;Y[|Z]) for {@code mutual-info} and {@code normalized-mutual-info}, so
 * {@code significance} rules apply to them.
 */
final class PairMeasureFactory implements OperatorFactory {
    private final PairMeasure measure;
    private final ToDoubleFunction<MutualInformationSnapshot> value;
    private final boolean significance;
    private final boolean unitless;

    private PairMeasureFactory(PairMeasure measure, ToDoubleFunction<MutualInformationSnapshot> value,
                               boolean significance, boolean unitless) {
        this.measure = measure;
        this.value = value;
        this.significance = significance;
        this.unitless = unitless;
    }

    /** I(X;Y[|Z]), with p-value. */
    static PairMeasureFactory mutualInformation() {
        return new PairMeasureFactory(PairMeasure.MUTUAL_INFORMATION, MutualInformationSnapshot::mutualInformation,
                true, false);
    }

    /** I / sqrt(H(X) H(Y)), unitless, with the p-value of I; local values are those of I. */
    static PairMeasureFactory normalizedMutualInformation() {
        return new PairMeasureFactory(PairMeasure.MUTUAL_INFORMATION,
                MutualInformationSnapshot::normalizedMutualInformation, true, true);
    }

    /** H(X|Y[,Z]). */
    static PairMeasureFactory conditionalEntropy() {
        return new PairMeasureFactory(PairMeasure.CONDITIONAL_ENTROPY,
                MutualInformationSnapshot::conditionalEntropyXGivenY, false, false);
    }

    /** H(X|Y) + H(Y|X). */
    static PairMeasureFactory entropicDistance() {
        return new PairMeasureFactory(PairMeasure.ENTROPIC_DISTANCE, MutualInformationSnapshot::entropicDistance,
                false, false);
    }

    @Override
    public boolean reportsPValue() {
        return significance;
    }

    @Override
    public StreamingOperator create(OperatorContext c) {
        List<SignalInfo> s = c.symbolicSignals(2, 3, "[x, y] or [x, y, condition]");
        boolean conditioned = s.size() == 3;
        MutualInformationConfig config;
        try {
            config = new MutualInformationConfig(c.window(), c.unit(), measure, s.get(0).alphabetSize(),
                    s.get(1).alphabetSize(), conditioned ? s.get(2).alphabetSize() : 0);
        } catch (IllegalArgumentException e) {
            throw new SpecPathException(c.path().field("signals"), e.getMessage(), e);
        }
        MutualInformationOperator op = new MutualInformationOperator(config);
        CheckpointableOperator.Update update = conditioned
                ? (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[0], (int) inputs[1], (int) inputs[2])
                : (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[0], (int) inputs[1]);
        return CheckpointableOperator.of(op, update, () -> {
            MutualInformationSnapshot r = op.snapshot();
            return new OperatorResult(value.applyAsDouble(r), unitless ? "" : r.unit(), r.windowStart(),
                    r.windowEnd(), r.events(), significance ? r.pValue() : null, null);
        });
    }
}
