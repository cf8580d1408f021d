package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.ordinal.OrdinalConfig;
import io.entroflow.operators.window.Window;
import io.entroflow.topology.measure.MeasureParams;

/** The ordinal measures' configuration from {@code --dimension}, {@code --tau}, {@code --weighted} (checked by the catalogue). */
final class OrdinalMeasureOptions {
    private OrdinalMeasureOptions() {
    }

    static OrdinalConfig config(AnalyzeContext context, Window window) {
        MeasureParams p = context.params();
        return new OrdinalConfig(window, p.integer("dimension"), p.integer("tau"), p.flag("weighted"), context.unit());
    }

    /** The numeric {@code --column}, with at least one complete pattern. */
    static double[] values(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        MeasureParams p = context.params();
        AnalyzeContext.require(o.column != null, "--column: required, the numeric column to analyse");
        double[] xs = context.numbers("--column", o.column);
        long needed = (long) (p.integer("dimension") - 1) * p.integer("tau") + 1;
        AnalyzeContext.require(xs.length >= needed, "--column: " + xs.length + " values, need at least (dimension-1)*tau+1 = "
                + needed + " for one ordinal pattern");
        return xs;
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
