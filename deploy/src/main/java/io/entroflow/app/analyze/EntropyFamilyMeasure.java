package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.window.Window;
import io.entroflow.topology.measure.MeasureParams;

import java.util.List;
import java.util.function.Function;

/**
 * {@code entropy}, {@code renyi}, {@code tsallis}, {@code gini-simpson}, {@code normalized-entropy}: one entropy-family member
 * of {@code --column} over the whole input, per event ({@code --series}, over a sliding window of
 * {@code --window} events if given) or per block of {@code --window} events.
 */
final class EntropyFamilyMeasure implements AnalyzeMeasure {
    private final String measure;
    private final Function<MeasureParams, EntropyMeasure> entropy;

    private EntropyFamilyMeasure(String measure, Function<MeasureParams, EntropyMeasure> entropy) {
        this.measure = measure;
        this.entropy = entropy;
    }

    static List<AnalyzeMeasure> all() {
        return List.of(
                new EntropyFamilyMeasure("entropy",
                        p -> p.flag("miller-madow") ? EntropyMeasure.millerMadow() : EntropyMeasure.shannon()),
                new EntropyFamilyMeasure("renyi", p -> EntropyMeasure.renyi(p.number("alpha"))),
                new EntropyFamilyMeasure("tsallis", p -> EntropyMeasure.tsallis(p.number("q"))),
                new EntropyFamilyMeasure("gini-simpson", p -> EntropyMeasure.giniSimpson()),
                new EntropyFamilyMeasure("normalized-entropy", p -> EntropyMeasure.normalized(p.integer("alphabet"))));
    }

    @Override
    public String measure() {
        return measure;
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        EntropyMeasure m = entropy.apply(context.params());
        InformationUnit unit = context.unit();
        SymbolColumn column = context.symbols("--column", o.column);
        AnalyzeContext.require(column.size() > 0, "--column: no symbols (too few rows for --symbolize " + o.symbolize + ")");
        if (m instanceof EntropyMeasure.NormalizedShannon n) {
            AnalyzeContext.require(n.covers(column.alphabetSize()),
                    "--alphabet: " + n.declaredAlphabetSize() + " is smaller than the " + column.alphabetSize()
                            + " symbols in --column " + o.column + ", so the normalised entropy could exceed 1; give at least "
                            + column.alphabetSize() + ", or 0 for the support seen");
        }
        int window = context.window();
        String unitLabel = m.unitLabel(unit);
        if (o.series || o.local) {
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
}
