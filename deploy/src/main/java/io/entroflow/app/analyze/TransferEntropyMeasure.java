package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.transfer.TransferEntropyConfig;
import io.entroflow.operators.transfer.TransferEntropyOperator;
import io.entroflow.operators.transfer.TransferEntropySnapshot;
import io.entroflow.operators.window.Window;
import io.entroflow.topology.measure.MeasureParams;

import java.util.List;

/**
 * {@code transfer-entropy} from {@code --source} to {@code --target} with histories {@code --k},
 * {@code --l} and delay {@code --delay}, and {@code conditional-transfer-entropy} given
 * {@code --condition} (history {@code --condition-k}, delay {@code --condition-delay}). Summary over the
 * whole input or per block of {@code --window} rows; per-event rows with {@code --series}/{@code --local}.
 */
final class TransferEntropyMeasure implements AnalyzeMeasure {
    private final boolean conditional;

    private TransferEntropyMeasure(boolean conditional) {
        this.conditional = conditional;
    }

    static List<AnalyzeMeasure> all() {
        return List.of(new TransferEntropyMeasure(false), new TransferEntropyMeasure(true));
    }

    @Override
    public String measure() {
        return conditional ? "conditional-transfer-entropy" : "transfer-entropy";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--source", "--target", "--condition");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        FlowInputs.Significance significance = FlowInputs.Significance.parse(o.significance);
        SymbolColumn source = FlowInputs.column(context, "--source", o.source);
        SymbolColumn target = FlowInputs.column(context, "--target", o.target);
        FlowInputs.requireAligned(source, target, "--target");
        SymbolColumn condition = null;
        if (conditional) {
            condition = FlowInputs.column(context, "--condition", o.condition);
            FlowInputs.requireAligned(source, condition, "--condition");
        } else {
            AnalyzeContext.require(o.condition == null,
                    "--condition: use --measure conditional-transfer-entropy to condition on '" + o.condition + "'");
        }
        MeasureParams p = context.params();
        TransferEntropyConfig base;
        try {
            base = TransferEntropyConfig.of(Window.cumulative(), context.unit(), target.alphabetSize(),
                    source.alphabetSize(), p.integer("k"), p.integer("l"), p.integer("delay"));
            if (conditional) {
                base = base.withCondition(condition.alphabetSize(), p.integer("condition-k"), p.integer("condition-delay"));
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(FlowInputs.optionMessage(e.getMessage()));
        }
        TransferEntropyConfig config = base;
        int window = context.window();
        if (o.series || o.local) {
            FlowInputs.requirePerEventSignificance(significance);
            TransferEntropyOperator op = new TransferEntropyOperator(new TransferEntropyConfig(
                    window > 0 ? Window.count(window) : Window.cumulative(), config.unit(), config.targetAlphabet(),
                    config.sourceAlphabet(), config.k(), config.l(), config.delay(), config.conditionAlphabet(),
                    config.conditionLength(), config.conditionDelay()));
            for (int i = 0; i < target.size(); i++) {
                double local = conditional ? op.update(i, target.symbols()[i], source.symbols()[i], condition.symbols()[i])
                        : op.update(i, target.symbols()[i], source.symbols()[i]);
                if (Double.isNaN(local)) {
                    continue; // history warm-up: no sample yet
                }
                context.emit(FlowInputs.eventRow(context, target.rows()[i], op.value(), op.windowSize(), significance,
                        () -> op.snapshot().pValue(), local));
            }
            return;
        }
        int block = window > 0 ? window : target.size();
        for (int start = 0, b = 0; start < target.size(); start += block, b++) {
            int end = Math.min(target.size(), start + block);
            int[] t = TwoStreamMeasure.slice(target, start, end);
            int[] s = TwoStreamMeasure.slice(source, start, end);
            int[] c = conditional ? TwoStreamMeasure.slice(condition, start, end) : null;
            TransferEntropyOperator op = new TransferEntropyOperator(config);
            for (int i = 0; i < t.length; i++) {
                if (conditional) {
                    op.update(i, t[i], s[i], c[i]);
                } else {
                    op.update(i, t[i], s[i]);
                }
            }
            TransferEntropySnapshot snap = op.snapshot();
            ObjectNode row = context.object();
            row.put("measure", measure());
            row.put("value", snap.value());
            row.put("unit", snap.unit());
            row.put("n", snap.samples());
            row.put("source", o.source);
            row.put("target", o.target);
            if (conditional) {
                row.put("condition", o.condition);
            }
            row.put("k", config.k());
            row.put("l", config.l());
            row.put("delay", config.delay());
            if (conditional) {
                row.put("condition_k", config.conditionLength());
                row.put("condition_delay", config.conditionDelay());
            }
            FlowInputs.addSignificance(context, row, significance, snap.pValue(), snap.degreesOfFreedom(),
                    significance.ordinal() >= FlowInputs.Significance.SURROGATE.ordinal()
                            ? TransferEntropyOperator.samples(config, t, s, c) : null);
            if (window > 0) {
                row.put("window", b);
                row.put("start", target.rows()[start]);
                row.put("end", target.rows()[end - 1]);
            }
            context.emit(row);
        }
    }
}
