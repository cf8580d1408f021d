package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /**
     * {@code --window N} without {@code --series}: one summary row per consecutive block of N values,
     * with {@code window}, {@code start} and {@code end}; {@code summary} gives the block's row, or null
     * when the block is too short for one pattern (then nothing is printed for it).
     */
    static void emitBlocks(AnalyzeContext context, int length, int window, BlockSummary summary) {
        for (int start = 0, block = 0; start < length; start += window, block++) {
            int end = Math.min(length, start + window);
            ObjectNode row = summary.row(start, end);
            if (row == null) {
                continue;
            }
            row.put("window", block);
            row.put("start", start);
            row.put("end", end - 1);
            context.emit(row);
        }
    }

    /** The summary row of the values [start, end), or null when they hold no pattern. */
    @FunctionalInterface
    interface BlockSummary {
        ObjectNode row(int start, int end);
    }
}
