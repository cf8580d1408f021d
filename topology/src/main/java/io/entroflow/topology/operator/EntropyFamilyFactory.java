package io.entroflow.topology.operator;

import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.entropy.EntropySnapshot;

import io.entroflow.schemas.spec.SpecPathException;

import java.util.function.Function;

/**
 * Factory for the entropy family ({@code entropy}, {@code renyi}, {@code tsallis}, {@code gini-simpson},
 * {@code normalized-entropy}) over one symbolic signal, backed by {@link EntropyOperator}.
 * Parameters (validated by the measure catalogue): {@code alpha} (R&eacute;nyi), {@code q} (Tsallis),
 * {@code miller-madow} (Shannon), {@code alphabet} (normalised). Any window kind; decay
 * and cumulative windows are checkpointed ({@link CheckpointableOperator}).
 */
final class EntropyFamilyFactory implements OperatorFactory {
    private final Function<OperatorContext, EntropyMeasure> measure;

    EntropyFamilyFactory(Function<OperatorContext, EntropyMeasure> measure) {
        this.measure = measure;
    }

    @Override
    public StreamingOperator create(OperatorContext c) {
        SignalInfo signal = c.singleSymbolicSignal();
        EntropyMeasure m;
        try {
            m = measure.apply(c);
        } catch (SpecPathException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw c.paramsError(e);
        }
        if (m instanceof EntropyMeasure.NormalizedShannon n && !n.covers(signal.alphabetSize())) {
            throw new SpecPathException(c.paramPath("alphabet"), n.declaredAlphabetSize() + " is smaller than the "
                    + signal.alphabetSize() + " symbols of signal '" + signal.name() + "', so the normalised entropy could"
                    + " exceed 1; give at least " + signal.alphabetSize() + ", or 0 for the support seen");
        }
        EntropyOperator op = new EntropyOperator(new EntropyConfig(c.window(), m, c.unit(), signal.alphabetSize()));
        return CheckpointableOperator.of(op, (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[0]), () -> {
            EntropySnapshot s = op.snapshot();
            return new OperatorResult(s.value(), s.unit(), s.windowStart(), s.windowEnd(), s.events(), null, null);
        });
    }
}
