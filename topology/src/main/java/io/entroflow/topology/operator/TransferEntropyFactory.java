package io.entroflow.topology.operator;

import io.entroflow.operators.transfer.TransferEntropyConfig;
import io.entroflow.operators.transfer.TransferEntropyOperator;
import io.entroflow.operators.transfer.TransferEntropySnapshot;

import io.entroflow.topology.measure.MeasureParams;

import java.util.List;

/**
 * Factory for {@code transfer-entropy} (signals {@code [source, target]}) and
 * {@code conditional-transfer-entropy} (signals {@code [source, target, condition]}), backed by
 * {@link TransferEntropyOperator}: TE<sub>Y&rarr;X</sub> = I(X<sub>t+1</sub> ; Y<sup>(l)</sup><sub>t&minus;u+1</sub> |
 * X<sup>(k)</sup><sub>t</sub> [, Z<sup>(m)</sup><sub>t&minus;w+1</sub>]) in bits or nats, from the events of
 * one key in arrival order. Parameters: {@code k} target history (default 1), {@code l} source history
 * (default 1), {@code delay} u (default 1: the source symbol just before the predicted target symbol);
 * conditional only: {@code condition-k} m (default 1), {@code condition-delay} w (default 1).
 *
 * <p>Window: a count window of n events ({@link HistoryWindows}): the value covers the
 * n &minus; warm-up samples whose histories lie in those events; or a decay or cumulative window over
 * every sample (checkpointed with the histories). The result carries the analytic
 * p-value P(&chi;&sup2;<sub>df</sub> &ge; 2&middot;N&middot;TE<sub>nats</sub>), so {@code significance} rules apply.
 */
final class TransferEntropyFactory implements OperatorFactory {
    private final boolean conditional;

    TransferEntropyFactory(boolean conditional) {
        this.conditional = conditional;
    }

    @Override
    public boolean reportsPValue() {
        return true;
    }

    @Override
    public StreamingOperator create(OperatorContext c) {
        int count = conditional ? 3 : 2;
        List<SignalInfo> s = c.symbolicSignals(count, count,
                conditional ? "[source, target, condition]" : "[source, target]");
        MeasureParams p = c.params();
        TransferEntropyConfig config;
        try {
            config = TransferEntropyConfig.of(c.window(), c.unit(), s.get(1).alphabetSize(), s.get(0).alphabetSize(),
                    p.integer("k"), p.integer("l"), p.integer("delay"));
            if (conditional) {
                config = config.withCondition(s.get(2).alphabetSize(), p.integer("condition-k"),
                        p.integer("condition-delay"));
            }
        } catch (IllegalArgumentException e) {
            throw c.paramsError(e);
        }
        TransferEntropyConfig sized = new TransferEntropyConfig(HistoryWindows.samples(c, config.warmUp()),
                config.unit(), config.targetAlphabet(), config.sourceAlphabet(), config.k(), config.l(), config.delay(),
                config.conditionAlphabet(), config.conditionLength(), config.conditionDelay());
        TransferEntropyOperator op = new TransferEntropyOperator(sized);
        CheckpointableOperator.Update update = conditional // signals: [source, target, condition]
                ? (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[1], (int) inputs[0], (int) inputs[2])
                : (timeMillis, inputs) -> op.update(timeMillis, (int) inputs[1], (int) inputs[0]);
        return CheckpointableOperator.of(op, update, () -> {
            TransferEntropySnapshot r = op.snapshot();
            return new OperatorResult(r.value(), r.unit(), r.windowStart(), r.windowEnd(), r.samples(),
                    r.samples() > 0 ? r.pValue() : null, null);
        });
    }
}
