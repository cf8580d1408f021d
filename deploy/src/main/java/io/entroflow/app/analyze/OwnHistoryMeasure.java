package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.markov.HistoryInformationConfig;
import io.entroflow.operators.markov.HistoryInformationMeasure;
import io.entroflow.operators.markov.HistoryInformationOperator;
import io.entroflow.operators.window.Window;

import java.util.List;

/**
 * {@code entropy-rate} H(x<sub>t+1</sub> | k past symbols) and {@code active-info} I(x<sub>t+1</sub> ; k past
 * symbols) of {@code --column} with history {@code --k}; summary, per block of {@code --window}
 * rows, or per event ({@code --series}/{@code --local}).
 */
final class OwnHistoryMeasure implements AnalyzeMeasure {
    private final HistoryInformationMeasure measure;

    private OwnHistoryMeasure(HistoryInformationMeasure measure) {
        this.measure = measure;
    }

    static List<AnalyzeMeasure> all() {
        return List.of(new OwnHistoryMeasure(HistoryInformationMeasure.ENTROPY_RATE),
                new OwnHistoryMeasure(HistoryInformationMeasure.ACTIVE_INFORMATION));
    }

    @Override
    public String measure() {
        return measure == HistoryInformationMeasure.ENTROPY_RATE ? "entropy-rate" : "active-info";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        SymbolColumn column = FlowInputs.column(context, "--column", o.column);
        int k = context.params().integer("k");
        HistoryInformationConfig config;
        try {
            config = new HistoryInformationConfig(Window.cumulative(), context.unit(), measure, column.alphabetSize(), k);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(FlowInputs.optionMessage(e.getMessage()));
        }
        int window = context.window();
        if (o.series || o.local) {
            HistoryInformationOperator op = new HistoryInformationOperator(new HistoryInformationConfig(
                    window > 0 ? Window.count(window) : Window.cumulative(), config.unit(), measure, config.alphabet(), k));
            for (int i = 0; i < column.size(); i++) {
                double local = op.update(i, column.symbols()[i]);
                if (Double.isNaN(local)) {
                    continue;
                }
                ObjectNode row = context.object();
                row.put("index", column.rows()[i]);
                row.put("value", op.value());
                row.put("n", op.windowSize());
                if (o.local) {
                    row.put("local", local);
                }
                context.emit(row);
            }
            return;
        }
        int block = window > 0 ? window : column.size();
        for (int start = 0, b = 0; start < column.size(); start += block, b++) {
            int end = Math.min(column.size(), start + block);
            HistoryInformationOperator op = new HistoryInformationOperator(config);
            for (int i = start; i < end; i++) {
                op.update(i, column.symbols()[i]);
            }
            ObjectNode row = context.object();
            row.put("measure", measure());
            row.put("value", op.value());
            row.put("unit", context.unit().label());
            row.put("n", op.windowSize());
            row.put("k", k);
            if (window > 0) {
                row.put("window", b);
                row.put("start", column.rows()[start]);
                row.put("end", column.rows()[end - 1]);
            }
            context.emit(row);
        }
    }
}
