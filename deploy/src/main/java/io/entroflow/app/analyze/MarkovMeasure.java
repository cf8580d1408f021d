package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.markov.MarkovChainEstimate;

import java.util.List;

/**
 * {@code markov}: the first-order Markov chain of {@code --column} estimated from its transition
 * counts: transition matrix, stationary distribution, entropy rate and entropy production. The row's
 * {@code value} is the entropy rate (the spec operator's default value), also kept as {@code entropy_rate}.
 */
final class MarkovMeasure implements AnalyzeMeasure {

    @Override
    public String measure() {
        return "markov";
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--column");
    }

    @Override
    public List<String> outputOptions() {
        return List.of();
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        SymbolColumn column = FlowInputs.column(context, "--column", o.column);
        AnalyzeContext.require(column.alphabetSize() <= 4096, "--column: the markov summary prints a K x K matrix; "
                + "at most 4096 states, got " + column.alphabetSize());
        double[][] counts = MarkovChainEstimate.countTransitions(column.symbols(), column.alphabetSize());
        MarkovChainEstimate chain = MarkovChainEstimate.fromCounts(counts, context.params().number("pseudo-count"));
        ObjectNode row = context.object();
        double entropyRate = chain.entropyRate(context.unit());
        row.put("measure", "markov");
        row.put("value", entropyRate);
        row.put("unit", context.unit().label());
        row.put("n", Math.max(0, column.size() - 1));
        ArrayNode states = row.putArray("states");
        for (int s = 0; s < column.alphabetSize(); s++) {
            states.add(column.labels() != null && s < column.labels().length ? column.labels()[s] : Integer.toString(s));
        }
        ArrayNode matrix = row.putArray("transition_matrix");
        for (double[] r : chain.transitionMatrix()) {
            ArrayNode a = matrix.addArray();
            for (double p : r) {
                a.add(p);
            }
        }
        ArrayNode pi = row.putArray("stationary");
        for (double p : chain.stationaryDistribution()) {
            pi.add(p);
        }
        row.put("entropy_rate", entropyRate);
        row.put("entropy_production", chain.entropyProduction(context.unit()));
        context.emit(row);
    }
}
