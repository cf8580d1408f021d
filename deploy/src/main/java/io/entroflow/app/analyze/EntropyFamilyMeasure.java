package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.window.Window;

import java.util.List;
import java.util.function.Function;

/**
 * {@code entropy}, {@code renyi}, {@code tsallis}, {@code gini-simpson}: one entropy-family member
 * of {@code --column} over the whole input, per event ({@code --series}, over a sliding window of
 * {@code --window} events if given) or per block of {@code --window} events.
 */
final class EntropyFamilyMeasure implements AnalyzeMeasure {
    private final List<String> names;
    private final String description;
    private final Function<AnalyzeOptions, EntropyMeasure> measure;

    private EntropyFamilyMeasure(List<String> names, String description, Function<AnalyzeOptions, EntropyMeasure> measure) {
        this.names = names;
        this.description = description;
        this.measure = measure;
    }

    static List<AnalyzeMeasure> all() {
        return List.of(
                new EntropyFamilyMeasure(List.of("entropy", "shannon"),
                        "Shannon entropy H = -sum p log p (--miller-madow, --normalize [--alphabet M])",
                        o -> o.normalize ? EntropyMeasure.normalized(nonNegative("--alphabet", o.alphabet))
                                : o.millerMadow ? EntropyMeasure.millerMadow() : EntropyMeasure.shannon()),
                new EntropyFamilyMeasure(List.of("renyi"), "Renyi entropy of order --alpha (0, 2, inf or any >= 0)",
                        o -> EntropyMeasure.renyi(alpha(o.alpha))),
                new EntropyFamilyMeasure(List.of("tsallis"), "Tsallis entropy of order --q, natural q-logarithm (nats)",
                        o -> {
                            AnalyzeContext.require(o.q >= 0 && Double.isFinite(o.q), "--q: must be finite and >= 0, got " + o.q);
                            return EntropyMeasure.tsallis(o.q);
                        }),
                new EntropyFamilyMeasure(List.of("gini-simpson"), "Gini-Simpson index 1 - sum p^2 (Tsallis q=2)",
                        o -> EntropyMeasure.giniSimpson()));
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        EntropyMeasure m = measure.apply(o);
        InformationUnit unit = context.unit();
        SymbolColumn column = context.symbols("--column", o.column);
        AnalyzeContext.require(column.size() > 0, "--column: no symbols (too few rows for --symbolize " + o.symbolize + ")");
        int window = context.window();
        String unitLabel = m.usesUnit() ? unit.label() : InformationUnit.NATS.label();
        if (o.series) {
            EntropyOperator op = new EntropyOperator(new EntropyConfig(window > 0 ? Window.count(window) : Window.cumulative(),
                    m, unit, column.alphabetSize()));
            for (int i = 0; i < column.size(); i++) {
                double local = op.update(i, column.symbols()[i]);
                ObjectNode row = context.object();
                row.put("index", column.rows()[i]);
                row.put("value", op.value());
                row.put("n", op.windowSize());
                if (o.local) {
                    row.put("local", local);
                }
                context.emit(row);
            }
        } else if (window > 0) {
            for (int start = 0, block = 0; start < column.size(); start += window, block++) {
                int end = Math.min(column.size(), start + window);
                EntropyOperator op = operator(m, unit, column, start, end);
                ObjectNode row = summary(context, m, op, unitLabel);
                row.put("window", block);
                row.put("start", column.rows()[start]);
                row.put("end", column.rows()[end - 1]);
                context.emit(row);
            }
        } else {
            EntropyOperator op = operator(m, unit, column, 0, column.size());
            context.emit(summary(context, m, op, unitLabel));
        }
    }

    private static EntropyOperator operator(EntropyMeasure m, InformationUnit unit, SymbolColumn column, int start, int end) {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(Window.cumulative(), m, unit, column.alphabetSize()));
        for (int i = start; i < end; i++) {
            op.update(i, column.symbols()[i]);
        }
        return op;
    }

    private static ObjectNode summary(AnalyzeContext context, EntropyMeasure m, EntropyOperator op, String unitLabel) {
        ObjectNode row = context.object();
        row.put("measure", m.name());
        row.put("value", op.value());
        row.put("unit", unitLabel);
        row.put("n", op.windowSize());
        row.put("support", op.snapshot().support());
        if (m instanceof EntropyMeasure.Renyi r) {
            row.put("alpha", r.alpha());
        } else if (m instanceof EntropyMeasure.Tsallis t) {
            row.put("q", t.q());
        } else if (m instanceof EntropyMeasure.NormalizedShannon) {
            row.put("normalized", true);
        } else if (m instanceof EntropyMeasure.Shannon s && s.millerMadow()) {
            row.put("correction", "miller-madow");
        }
        return row;
    }

    private static double alpha(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        double a;
        if (t.equals("inf") || t.equals("infinity")) {
            a = Double.POSITIVE_INFINITY;
        } else {
            try {
                a = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new BadInputException("--alpha: expected a number >= 0 or 'inf', got '" + text + "'");
            }
        }
        AnalyzeContext.require(a >= 0, "--alpha: must be >= 0, got " + text);
        return a;
    }

    private static int nonNegative(String option, int value) {
        AnalyzeContext.require(value >= 0, option + ": must be >= 0, got " + value);
        return value;
    }
}
