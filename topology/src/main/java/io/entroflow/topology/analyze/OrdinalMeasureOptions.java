package io.entroflow.topology.analyze;

import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.window.Window;

/** Reads and checks {@code --dimension}, {@code --tau}, {@code --weighted} for the ordinal measures. */
final class OrdinalMeasureOptions {
    private OrdinalMeasureOptions() {
    }

    static OrdinalConfig config(AnalyzeContext context, Window window) {
        AnalyzeOptions o = context.options();
        checkEmbedding(o);
        return new OrdinalConfig(window, o.dimension, o.tau, o.weighted, context.unit());
    }

    /** The numeric {@code --column}, with at least one complete pattern. */
    static double[] values(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        checkEmbedding(o);
        AnalyzeContext.require(o.column != null, "--column: required, the numeric column to analyse");
        double[] xs = context.numbers("--column", o.column);
        long needed = (long) (o.dimension - 1) * o.tau + 1;
        AnalyzeContext.require(xs.length >= needed, "--column: " + xs.length + " values, need at least (dimension-1)*tau+1 = "
                + needed + " for one ordinal pattern");
        return xs;
    }

    private static void checkEmbedding(AnalyzeOptions o) {
        AnalyzeContext.require(o.dimension >= 2 && o.dimension <= OrdinalConfig.MAX_DIMENSION,
                "--dimension: expected 2.." + OrdinalConfig.MAX_DIMENSION + ", got " + o.dimension);
        AnalyzeContext.require(o.tau >= 1 && o.tau <= (1 << 20), "--tau: expected 1..2^20, got " + o.tau);
    }
}
