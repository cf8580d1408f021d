package io.entroflow.topology.operator;

import io.entroflow.operators.ordinal.ComplexityReading;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.ordinal.PermutationEntropyOperator;
import io.entroflow.operators.ordinal.PermutationEntropySnapshot;
import io.entroflow.operators.ordinal.StatisticalComplexityOperator;

/**
 * Factory for {@code permutation-entropy} (normalised H<sub>S</sub> = S / ln d!, 0..1, unitless) and
 * {@code complexity} (Jensen&ndash;Shannon statistical complexity C = Q<sub>J</sub>&middot;H<sub>S</sub>,
 * 0..1, unitless) of the ordinal patterns of one raw numeric signal, backed by
 * {@link PermutationEntropyOperator} and {@link StatisticalComplexityOperator}. Parameters:
 * {@code dimension} d (2..7, default 3), {@code tau} (1..2<sup>20</sup>, default 1), {@code weighted}
 * (default false). Window: a count window of n events, covering the n &minus; (d&minus;1)&tau; patterns
 * that lie in them ({@link HistoryWindows}), or a decay or cumulative window over every pattern
 * (checkpointed with the encoder's last (d&minus;1)&tau; + 1 values).
 */
final class OrdinalFactory implements OperatorFactory {
    private final boolean complexity;

    OrdinalFactory(boolean complexity) {
        this.complexity = complexity;
    }

    @Override
    public StreamingOperator create(OperatorContext c) {
        c.singleNumericSignal();
        int d = c.params().integer("dimension");
        int tau = c.params().integer("tau");
        boolean weighted = c.params().flag("weighted");
        OrdinalConfig config = new OrdinalConfig(HistoryWindows.samples(c, (d - 1) * tau), d, tau, weighted, c.unit());
        if (complexity) {
            StatisticalComplexityOperator op = new StatisticalComplexityOperator(config);
            return CheckpointableOperator.of(op, (timeMillis, inputs) -> {
                op.update(timeMillis, Double.longBitsToDouble(inputs[0]));
                return Double.NaN;
            }, () -> {
                ComplexityReading r = op.reading(); // the snapshot's bounds and region are not in the aggregate
                return new OperatorResult(r.complexity(), "", r.windowStart(), r.windowEnd(), r.patterns(),
                        null, null);
            });
        }
        PermutationEntropyOperator op = new PermutationEntropyOperator(config);
        return CheckpointableOperator.of(op,
                (timeMillis, inputs) -> op.update(timeMillis, Double.longBitsToDouble(inputs[0])), () -> {
            PermutationEntropySnapshot r = op.snapshot();
            return new OperatorResult(r.value(), "", r.windowStart(), r.windowEnd(), r.patterns(), null, null);
        });
    }
}
