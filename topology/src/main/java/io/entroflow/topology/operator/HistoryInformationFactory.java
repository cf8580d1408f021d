package io.entroflow.topology.operator;

import io.entroflow.operators.markov.HistoryInformationConfig;
import io.entroflow.operators.markov.HistoryInformationMeasure;
import io.entroflow.operators.markov.HistoryInformationOperator;
import io.entroflow.operators.markov.HistoryInformationSnapshot;
import io.entroflow.operators.window.Window;

/**
 * Factory for {@code entropy-rate} H(X<sub>t+1</sub> | X<sup>(k)</sup><sub>t</sub>) and {@code active-info}
 * I(X<sub>t+1</sub> ; X<sup>(k)</sup><sub>t</sub>) over one symbolic signal, in bits or nats, backed by
 * {@link HistoryInformationOperator}. Parameter: {@code k} history length (default 1). Window: a count
 * window of n events, covering the n &minus; k samples whose histories lie in them ({@link HistoryWindows}),
 * or a decay or cumulative window over every sample (checkpointed with the history).
 */
final class HistoryInformationFactory implements OperatorFactory {
    private final HistoryInformationMeasure measure;

    HistoryInformationFactory(HistoryInformationMeasure measure) {
        this.measure = measure;
    }

    @Override
    public StreamingOperator create(OperatorContext c) {
        SignalInfo signal = c.singleSymbolicSignal();
        int k = c.params().integer("k");
        Window samples = HistoryWindows.samples(c, k);
        HistoryInformationConfig config;
        try {
            config = new HistoryInformationConfig(samples, c.unit(), measure, signal.alphabetSize(), k);
        } catch (IllegalArgumentException e) {
            throw c.paramsError(e);
        }
        HistoryInformationOperator op = new HistoryInformationOperator(config);
        return CheckpointableOperator.of(op, (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[0]), () -> {
            HistoryInformationSnapshot r = op.snapshot();
            double v = measure == HistoryInformationMeasure.ENTROPY_RATE ? r.entropyRate() : r.activeInformation();
            return new OperatorResult(v, r.unit(), r.windowStart(), r.windowEnd(), r.samples(), null, null);
        });
    }
}
