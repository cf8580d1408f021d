package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.ordinal.PermutationEntropyOperator;
import io.entroflow.operators.ordinal.PermutationEntropySnapshot;
import io.entroflow.operators.window.Window;

import java.util.List;

/**
 * {@code permutation-entropy}: normalised permutation entropy of the numeric {@code --column}
 * ({@code --dimension}, {@code --tau}, {@code --weighted}) over the whole input, per value
 * ({@code --series}, over a sliding window of {@code --window} patterns if given) or per block of
 * {@code --window} values. Prints {@code value} (normalised, 0..1) and {@code entropy} in {@code --base}.
 */
final class PermutationEntropyMeasure implements AnalyzeMeasure {

    @Override
    public String measure() {
        return "permutation-entropy";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        double[] xs = OrdinalMeasureOptions.values(context);
        int window = context.window();
        if (o.series || o.local) {
            PermutationEntropyOperator op = new PermutationEntropyOperator(
                    OrdinalMeasureOptions.config(context, window > 0 ? Window.count(window) : Window.cumulative()));
            for (int i = 0; i < xs.length; i++) {
                double local = op.update(i, xs[i]);
                if (op.windowSize() == 0) {
                    continue;
                }
                ObjectNode row = context.object();
                row.put("index", i);
                row.put("value", op.value());
                row.put("n", op.windowSize());
                if (o.local) {
                    row.put("local", local);
                }
                context.emit(row);
            }
        } else if (window > 0) {
            OrdinalMeasureOptions.emitBlocks(context, xs.length, window, (start, end) -> {
                PermutationEntropyOperator op = run(context, xs, start, end);
                return op.windowSize() == 0 ? null : summary(context, op.snapshot());
            });
        } else {
            context.emit(summary(context, run(context, xs, 0, xs.length).snapshot()));
        }
    }

    private static PermutationEntropyOperator run(AnalyzeContext context, double[] xs, int start, int end) {
        OrdinalConfig config = OrdinalMeasureOptions.config(context, Window.cumulative());
        PermutationEntropyOperator op = new PermutationEntropyOperator(config);
        for (int i = start; i < end; i++) {
            op.update(i, xs[i]);
        }
        return op;
    }

    private static ObjectNode summary(AnalyzeContext context, PermutationEntropySnapshot s) {
        ObjectNode row = context.object();
        row.put("measure", "permutation-entropy");
        row.put("value", s.value());
        row.put("entropy", s.entropy());
        row.put("entropy_unit", s.unit());
        row.put("unit", ""); // value is S / log2(d!), a ratio, as the streamed aggregate reports it
        row.put("dimension", s.dimension());
        row.put("tau", s.delay());
        row.put("weighted", s.weighted());
        row.put("n", s.patterns());
        row.put("observed", s.observed());
        return row;
    }
}
