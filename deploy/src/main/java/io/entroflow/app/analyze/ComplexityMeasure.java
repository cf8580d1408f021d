package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.ordinal.ComplexitySnapshot;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.ordinal.StatisticalComplexityOperator;
import io.entroflow.operators.window.Window;

import java.util.List;

/**
 * {@code complexity}: the complexity-entropy plane of the numeric {@code --column}'s ordinal
 * patterns ({@code --dimension}, {@code --tau}, {@code --weighted}): {@code entropy} (normalised
 * permutation entropy), {@code complexity} (Jensen-Shannon statistical complexity), the curves'
 * {@code min_complexity} / {@code max_complexity} at that entropy, {@code region} (regular, complex or
 * stochastic), {@code forbidden} (patterns never seen, as argsort lists such as {@code [2,1,0]}),
 * their count, and {@code expected_forbidden_white_noise}. Over the whole input, per value
 * ({@code --series}, sliding window of {@code --window} patterns if given; forbidden count only) or
 * per block of {@code --window} values.
 */
final class ComplexityMeasure implements AnalyzeMeasure {

    @Override
    public String measure() {
        return "complexity";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column");
    }

    @Override
    public List<String> outputOptions() {
        return List.of("--series", "--window");
    }

    @Override
    public void run(AnalyzeContext context) {
        double[] xs = OrdinalMeasureOptions.values(context);
        int window = context.window();
        if (context.options().series) {
            StatisticalComplexityOperator op = new StatisticalComplexityOperator(
                    OrdinalMeasureOptions.config(context, window > 0 ? Window.count(window) : Window.cumulative()));
            for (int i = 0; i < xs.length; i++) {
                op.update(i, xs[i]);
                if (op.windowSize() == 0) {
                    continue;
                }
                ComplexitySnapshot s = op.snapshot();
                ObjectNode row = context.object();
                row.put("index", i);
                row.put("entropy", s.entropy());
                row.put("complexity", s.complexity());
                row.put("region", s.region() == null ? null : s.region().label());
                row.put("forbidden_count", s.forbidden().size());
                row.put("n", s.patterns());
                context.emit(row);
            }
        } else if (window > 0) {
            OrdinalMeasureOptions.emitBlocks(context, xs.length, window, (start, end) -> {
                StatisticalComplexityOperator op = run(context, xs, start, end);
                return op.windowSize() == 0 ? null : summary(context, op.snapshot());
            });
        } else {
            context.emit(summary(context, run(context, xs, 0, xs.length).snapshot()));
        }
    }

    private static StatisticalComplexityOperator run(AnalyzeContext context, double[] xs, int start, int end) {
        OrdinalConfig config = OrdinalMeasureOptions.config(context, Window.cumulative());
        StatisticalComplexityOperator op = new StatisticalComplexityOperator(config);
        for (int i = start; i < end; i++) {
            op.update(i, xs[i]);
        }
        return op;
    }

    private static ObjectNode summary(AnalyzeContext context, ComplexitySnapshot s) {
        ObjectNode row = context.object();
        row.put("measure", "complexity");
        row.put("value", s.complexity());
        row.put("unit", ""); // dimensionless, 0..1, as the spec operator's aggregate
        row.put("entropy", s.entropy());
        row.put("complexity", s.complexity());
        row.put("min_complexity", s.minimumComplexity());
        row.put("max_complexity", s.maximumComplexity());
        row.put("region", s.region() == null ? null : s.region().label());
        ArrayNode forbidden = row.putArray("forbidden");
        s.forbiddenLabels().forEach(forbidden::add);
        row.put("forbidden_count", s.forbidden().size());
        row.put("expected_forbidden_white_noise", s.expectedForbiddenWhiteNoise());
        row.put("dimension", s.dimension());
        row.put("tau", s.delay());
        row.put("weighted", s.weighted());
        row.put("n", s.patterns());
        return row;
    }
}
