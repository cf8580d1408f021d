package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.entropy.Divergence;
import io.entroflow.operators.entropy.DivergenceOperator;
import io.entroflow.operators.entropy.ReferenceDistribution;
import io.entroflow.operators.window.Window;

import java.util.List;

/**
 * {@code divergence}: Kullback-Leibler or Jensen-Shannon divergence of {@code --column} in the
 * input from the same column in {@code --reference}, both symbolised into one alphabet.
 */
final class DivergenceMeasure implements AnalyzeMeasure {

    @Override
    public String measure() {
        return "divergence";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column", "--reference");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        Divergence kind = Divergence.parse(context.params().text("divergence")); // a catalogue choice
        double smoothing = context.params().number("smoothing");
        Table reference = context.readTable("--reference", o.reference);
        List<SymbolColumn> columns = context.symbols("--column", o.column, List.of(reference, context.table()));
        SymbolColumn ref = columns.get(0);
        SymbolColumn cur = columns.get(1);
        AnalyzeContext.require(ref.size() > 0, "--reference: no symbols in " + reference.source());
        AnalyzeContext.require(cur.size() > 0, "--input: no symbols");
        long[] counts = new long[ref.alphabetSize()];
        for (int s : ref.symbols()) {
            counts[s]++;
        }
        ReferenceDistribution q = ReferenceDistribution.fromCounts(counts, smoothing);
        int window = context.window();
        if (o.series || o.local) {
            DivergenceOperator op = new DivergenceOperator(window > 0 ? Window.count(window) : Window.cumulative(), kind, q, context.unit());
            for (int i = 0; i < cur.size(); i++) {
                double local = op.update(i, cur.symbols()[i]);
                ObjectNode row = context.object();
                row.put("index", cur.rows()[i]);
                row.put("value", op.value());
                if (o.local) {
                    row.put("local", local);
                }
                context.emit(row);
            }
            return;
        }
        int block = window > 0 ? window : cur.size();
        for (int start = 0, b = 0; start < cur.size(); start += block, b++) {
            int end = Math.min(cur.size(), start + block);
            DivergenceOperator op = new DivergenceOperator(Window.cumulative(), kind, q, context.unit());
            for (int i = start; i < end; i++) {
                op.update(i, cur.symbols()[i]);
            }
            ObjectNode row = context.object();
            row.put("measure", "divergence");
            row.put("divergence", kind.label());
            row.put("value", op.value());
            row.put("unit", context.unit().label());
            row.put("n", end - start);
            row.put("reference_n", ref.size());
            row.put("smoothing", smoothing);
            if (window > 0) {
                row.put("window", b);
                row.put("start", cur.rows()[start]);
                row.put("end", cur.rows()[end - 1]);
            }
            context.emit(row);
        }
    }
}
