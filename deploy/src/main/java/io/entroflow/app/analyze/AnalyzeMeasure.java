package io.entroflow.app.analyze;

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

    /** Computes and prints. Throws {@link BadInputException} for unusable input or options. */
    void run(AnalyzeContext context);
}
