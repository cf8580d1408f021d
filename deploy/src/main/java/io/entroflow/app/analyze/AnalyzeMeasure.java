package io.entroflow.app.analyze;

/**
 * One measure of {@code entroflow analyze}. Implementations read their options and columns from
 * the {@link AnalyzeContext}, compute with the operators library, and print through
 * {@link AnalyzeContext#emit}. Register new ones in {@link AnalyzeMeasures}.
 */
public interface AnalyzeMeasure {
    /** The names this measure answers to on the command line, first is canonical. */
    java.util.List<String> names();

    /** One line for the listing. */
    String description();

    /** Computes and prints. Throws {@link BadInputException} for unusable input or options. */
    void run(AnalyzeContext context);
}
