package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.significance.SurrogateTest;
import io.entroflow.operators.transfer.JointSamples;
import io.entroflow.topology.operator.OperatorFactory;
import io.entroflow.topology.operator.OperatorRegistry;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Shared plumbing of the information-flow measures of {@code analyze}: aligned symbol columns
 * ({@code --source}, {@code --target}, {@code --condition}), option checks, and the
 * {@code --significance} fields of a summary row.
 */
final class FlowInputs {
    private FlowInputs() {
    }

    /** How {@code --significance} was given; {@link #label()} is the option's value. */
    enum Significance {
        NONE(null), ANALYTIC("analytic"), SURROGATE("surrogate"), BLOCK_SURROGATE("block-surrogate");

        private final String label;

        Significance(String label) {
            this.label = label;
        }

        /** The value of {@code --significance} that chooses this (null for {@link #NONE}). */
        String label() {
            return label;
        }

        /** Every value {@code --significance} takes, in order. */
        static List<String> labels() {
            return Arrays.stream(values()).skip(1).map(Significance::label).toList();
        }

        /** {@code analytic, surrogate or block-surrogate}. */
        static String choices() {
            List<String> labels = labels();
            return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
        }

        static Significance parse(String text) {
            if (text == null) {
                return NONE;
            }
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            if (wanted.equals("block")) {
                return BLOCK_SURROGATE;
            }
            return Arrays.stream(values()).skip(1).filter(s -> s.label.equals(wanted)).findFirst()
                    .orElseThrow(() -> new BadInputException("--significance: expected " + choices() + ", got '" + text + "'"));
        }
    }

    /**
     * The measures that compute a p-value ({@code --significance}), by catalogue name, in catalogue order: the
     * operator types whose factory reports one ({@link OperatorFactory#reportsPValue}, as the rule planner asks).
     */
    static final List<String> SIGNIFICANCE_MEASURES = significanceMeasures(OperatorRegistry.standard());

    private static List<String> significanceMeasures(OperatorRegistry registry) {
        return registry.types().stream().filter(t -> registry.factory(t).reportsPValue()).toList();
    }

    /**
     * Refuses {@code --significance} for a measure that computes no p-value (it would be ignored).
     *
     * @throws BadInputException {@code --significance: only for mutual-info, ..., got measure M}
     */
    static void requireSignificanceSupported(String measure, String significance) {
        int last = SIGNIFICANCE_MEASURES.size() - 1;
        AnalyzeContext.require(significance == null || SIGNIFICANCE_MEASURES.contains(measure), "--significance: only for "
                + String.join(", ", SIGNIFICANCE_MEASURES.subList(0, last)) + " and " + SIGNIFICANCE_MEASURES.get(last)
                + ", got measure " + measure);
    }

    /** The column named by {@code option} as symbols, required and non-empty. */
    static SymbolColumn column(AnalyzeContext context, String option, String name) {
        AnalyzeContext.require(name != null, option + ": required for --measure " + context.options().measure);
        SymbolColumn c = context.symbols(option, name);
        AnalyzeContext.require(c.size() > 0, option + ": no symbols in column '" + name + "'");
        return c;
    }

    /** Checks that the columns are aligned row by row (same symbolising, so the same rows survive). */
    static void requireAligned(SymbolColumn a, SymbolColumn b, String option) {
        AnalyzeContext.require(a.size() == b.size(), option + ": column gives " + b.size()
                + " symbols where the others give " + a.size() + "; the streams must be aligned");
    }

    /**
     * An operator's configuration error as a command-line error. The parameters themselves are
     * checked by the measure catalogue first, so what remains is a joint code that does not fit: the
     * library names the history it blames ("k: ...", "l: ..."), which names the option; otherwise the
     * alphabet, which the symbolising options decide.
     */
    static String optionMessage(String message) {
        if (message.startsWith("k:") || message.startsWith("l:") || message.startsWith("delay:")) {
            return "--" + message;
        }
        return "--bins/--symbolize: " + message;
    }

    /** Per-event rows carry the analytic p-value of their window; surrogates are for summaries only. */
    static void requirePerEventSignificance(Significance significance) {
        AnalyzeContext.require(significance == Significance.NONE || significance == Significance.ANALYTIC,
                "--significance: surrogates are computed for summaries (whole input or --window blocks), "
                        + "not per event with --series/--local; use analytic, got '"
                        + significance.name().toLowerCase(Locale.ROOT).replace('_', '-') + "'");
    }

    /** A positive int option within bounds. */
    static int checked(String option, int value, int min, int max) {
        AnalyzeContext.require(value >= min && value <= max, option + ": must be " + min + ".." + max + ", got " + value);
        return value;
    }

    /** Adds p_value (and surrogate fields) to {@code row} for the chosen significance. */
    static void addSignificance(AnalyzeContext context, ObjectNode row, Significance significance, double analyticP,
                                double df, JointSamples samples) {
        AnalyzeOptions o = context.options();
        InformationUnit unit = context.unit();
        switch (significance) {
            case NONE:
                return;
            case ANALYTIC:
                row.put("significance", significance.label());
                row.put("df", df);
                row.put("p_value", analyticP);
                return;
            default:
                int count = checked("--surrogates", o.surrogates, 1, 1_000_000);
                boolean block = significance == Significance.BLOCK_SURROGATE;
                int blockLength = (int) Math.max(1, Math.ceil(Math.sqrt(samples.codes().length)));
                SurrogateTest.Result r = SurrogateTest.run(samples.codes(), samples.maskA(), samples.maskB(),
                        samples.maskC(), count, block ? SurrogateTest.Shuffle.BLOCK : SurrogateTest.Shuffle.SOURCE,
                        blockLength, o.seed);
                row.put("significance", significance.label());
                row.put("surrogates", count);
                row.put("seed", o.seed);
                if (block) {
                    row.put("block_length", blockLength);
                }
                row.put("p_value", r.pValue());
                row.put("surrogate_mean", unit.fromNats(r.surrogateMeanNats()));
        }
    }

    /**
     * One {@code --series}/{@code --local} row of a two-stream measure: {@code index}, {@code value},
     * {@code n}, then {@code p_value} with analytic significance and {@code local} with {@code --local}.
     */
    static ObjectNode eventRow(AnalyzeContext context, int index, double value, long n, Significance significance,
                               java.util.function.DoubleSupplier analyticPValue, double local) {
        ObjectNode row = context.object();
        row.put("index", index);
        row.put("value", value);
        row.put("n", n);
        if (significance == Significance.ANALYTIC) {
            row.put("p_value", analyticPValue.getAsDouble());
        }
        if (context.options().local) {
            row.put("local", local);
        }
        return row;
    }
}
