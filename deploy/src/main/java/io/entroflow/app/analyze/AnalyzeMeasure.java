package io.entroflow.app.analyze;

import java.util.List;

/**
 * How {@code entroflow analyze} computes one measure of the
 * {@link io.entroflow.topology.measure.MeasureCatalogue}, which holds its names, aliases and
 * parameters. Implementations read their validated parameters and their columns from the
 * {@link AnalyzeContext}, compute with the operators library, and print through
 * {@link AnalyzeContext#emit}. Register new ones in {@link AnalyzeMeasures}.
 */
public interface AnalyzeMeasure {
    /** The canonical catalogue name of the measure this computes. */
    String measure();

    /**
     * The input options this measure reads ({@code --column}, {@code --source}, ... of
     * {@link AnalyzeOptions#INPUT_OPTIONS}); any other one given is refused, not ignored.
     */
    List<String> inputOptions();

    /**
     * The output options this measure honours, of {@link AnalyzeOptions#OUTPUT_OPTIONS} ({@code --series},
     * {@code --window}, {@code --local}); any other one given is refused, not ignored. Default: all three.
     */
    default List<String> outputOptions() {
        return AnalyzeOptions.OUTPUT_OPTIONS;
    }

    /** Computes and prints. Throws {@link BadInputException} for unusable input or options. */
    void run(AnalyzeContext context);
}
