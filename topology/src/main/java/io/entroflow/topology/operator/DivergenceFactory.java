package io.entroflow.topology.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.entroflow.operators.entropy.Divergence;
import io.entroflow.operators.entropy.DivergenceOperator;
import io.entroflow.operators.entropy.DivergenceSnapshot;
import io.entroflow.operators.entropy.ReferenceDistribution;
import io.entroflow.schemas.spec.SpecPathException;

/**
 * Factory for {@code divergence}: D<sub>KL</sub> or Jensen&ndash;Shannon divergence of the window's
 * distribution from a fixed reference, backed by {@link DivergenceOperator}. Parameters:
 * {@code divergence} ({@code kl} default, or {@code js}), {@code reference} (counts per symbol,
 * one per symbol of the signal, in symbol order), {@code smoothing} (pseudo-count, default 0.5). Any window
 * kind; decay and cumulative windows are checkpointed ({@link CheckpointableOperator}).
 */
final class DivergenceFactory implements OperatorFactory {
    @Override
    public StreamingOperator create(OperatorContext c) {
        SignalInfo signal = c.singleSymbolicSignal();
        Divergence divergence = Divergence.parse(c.params().text("divergence")); // a catalogue choice
        JsonNode ref = c.params().node("reference");
        if (ref.size() != signal.alphabetSize()) {
            throw c.paramError("reference", "expected " + signal.alphabetSize()
                    + " counts (one per symbol of signal '" + signal.name() + "'), got " + ref);
        }
        long[] counts = new long[ref.size()];
        for (int i = 0; i < counts.length; i++) {
            if (!ref.get(i).canConvertToLong() || ref.get(i).asLong() < 0) {
                throw new SpecPathException(c.paramPath("reference").index(i), "must be a count >= 0, got " + ref.get(i));
            }
            counts[i] = ref.get(i).asLong();
        }
        ReferenceDistribution reference;
        try {
            reference = ReferenceDistribution.fromCounts(counts, c.params().number("smoothing"));
        } catch (IllegalArgumentException e) {
            throw c.paramsError(e);
        }
        DivergenceOperator op = new DivergenceOperator(c.window(), divergence, reference, c.unit());
        return CheckpointableOperator.of(op, (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[0]), () -> {
            DivergenceSnapshot s = op.snapshot();
            return new OperatorResult(s.value(), s.unit(), s.windowStart(), s.windowEnd(), s.events(), null, null);
        });
    }
}
