package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.transfer.MutualInformationConfig;
import io.entroflow.operators.transfer.MutualInformationOperator;
import io.entroflow.operators.transfer.MutualInformationSnapshot;
import io.entroflow.operators.transfer.PairMeasure;
import io.entroflow.operators.window.Window;

import java.util.List;

/**
 * {@code conditional-entropy} (H(target | source)), {@code mutual-info} (I(source; target)),
 * {@code normalized-mutual-info} (I / sqrt(H(S) H(T))) and {@code entropic-distance} (H(S|T) + H(T|S) and
 * Rajski's normalised form) of two aligned columns, each given {@code --condition} if set, over the whole input, per block of {@code --window}
 * rows, or per event ({@code --series}/{@code --local}, sliding over {@code --window} rows if given).
 */
final class TwoStreamMeasure implements AnalyzeMeasure {
    private enum Kind { CONDITIONAL_ENTROPY, MUTUAL_INFO, NORMALIZED_MUTUAL_INFO, ENTROPIC_DISTANCE }

    private final Kind kind;

    private TwoStreamMeasure(Kind kind) {
        this.kind = kind;
    }

    static List<AnalyzeMeasure> all() {
        return List.of(new TwoStreamMeasure(Kind.CONDITIONAL_ENTROPY), new TwoStreamMeasure(Kind.MUTUAL_INFO),
                new TwoStreamMeasure(Kind.NORMALIZED_MUTUAL_INFO), new TwoStreamMeasure(Kind.ENTROPIC_DISTANCE));
    }

    @Override
    public String measure() {
        return switch (kind) {
            case CONDITIONAL_ENTROPY -> "conditional-entropy";
            case MUTUAL_INFO -> "mutual-info";
            case NORMALIZED_MUTUAL_INFO -> "normalized-mutual-info";
            case ENTROPIC_DISTANCE -> "entropic-distance";
        };
    }

    @Override
    public List<String> inputOptions() {
        return List.of("--source", "--target", "--condition");
    }

    @Override
    public void run(AnalyzeContext context) {
        AnalyzeOptions o = context.options();
        FlowInputs.Significance significance = FlowInputs.Significance.parse(o.significance);
        boolean mutualInfo = kind == Kind.MUTUAL_INFO || kind == Kind.NORMALIZED_MUTUAL_INFO;
        SymbolColumn source = FlowInputs.column(context, "--source", o.source);
        SymbolColumn target = FlowInputs.column(context, "--target", o.target);
        FlowInputs.requireAligned(source, target, "--target");
        SymbolColumn condition = null;
        if (o.condition != null) {
            condition = FlowInputs.column(context, "--condition", o.condition);
            FlowInputs.requireAligned(source, condition, "--condition");
        }
        // X = target, Y = source: H(X|Y) is the conditional entropy of the target given the source
        MutualInformationConfig config = new MutualInformationConfig(Window.cumulative(), context.unit(), pairMeasure(),
                target.alphabetSize(), source.alphabetSize(), condition == null ? 0 : condition.alphabetSize());
        int window = context.window();
        if (o.series || o.local) {
            FlowInputs.requirePerEventSignificance(significance);
            MutualInformationOperator op = new MutualInformationOperator(
                    config.withWindow(window > 0 ? Window.count(window) : Window.cumulative()));
            for (int i = 0; i < target.size(); i++) {
                double local = condition == null ? op.update(i, target.symbols()[i], source.symbols()[i])
                        : op.update(i, target.symbols()[i], source.symbols()[i], condition.symbols()[i]);
                double value = kind == Kind.NORMALIZED_MUTUAL_INFO ? op.snapshot().normalizedMutualInformation() : op.value();
                context.emit(FlowInputs.eventRow(context, target.rows()[i], value, op.windowSize(), significance,
                        () -> op.snapshot().pValue(), local));
            }
            return;
        }
        int block = window > 0 ? window : target.size();
        for (int start = 0, b = 0; start < target.size(); start += block, b++) {
            int end = Math.min(target.size(), start + block);
            MutualInformationOperator op = new MutualInformationOperator(config);
            for (int i = start; i < end; i++) {
                if (condition == null) {
                    op.update(i, target.symbols()[i], source.symbols()[i]);
                } else {
                    op.update(i, target.symbols()[i], source.symbols()[i], condition.symbols()[i]);
                }
            }
            MutualInformationSnapshot s = op.snapshot();
            ObjectNode row = context.object();
            row.put("measure", measure());
            row.put("value", value(s));
            row.put("unit", kind == Kind.NORMALIZED_MUTUAL_INFO ? "" : s.unit());
            row.put("n", end - start);
            row.put("source", o.source);
            row.put("target", o.target);
            if (condition != null) {
                row.put("condition", o.condition);
            }
            if (mutualInfo) {
                row.put(kind == Kind.MUTUAL_INFO ? "normalized" : "mutual_info",
                        kind == Kind.MUTUAL_INFO ? s.normalizedMutualInformation() : s.mutualInformation());
                FlowInputs.addSignificance(context, row, significance, s.pValue(), s.degreesOfFreedom(),
                        significance.ordinal() >= FlowInputs.Significance.SURROGATE.ordinal()
                                ? MutualInformationOperator.samples(config, slice(target, start, end),
                                slice(source, start, end), condition == null ? null : slice(condition, start, end))
                                : null);
            } else if (kind == Kind.ENTROPIC_DISTANCE) {
                row.put("rajski", s.rajskiDistance());
            } else {
                row.put("target_entropy", s.entropyX());
            }
            if (window > 0) {
                row.put("window", b);
                row.put("start", target.rows()[start]);
                row.put("end", target.rows()[end - 1]);
            }
            context.emit(row);
        }
    }

    private PairMeasure pairMeasure() {
        return switch (kind) {
            case CONDITIONAL_ENTROPY -> PairMeasure.CONDITIONAL_ENTROPY;
            case MUTUAL_INFO, NORMALIZED_MUTUAL_INFO -> PairMeasure.MUTUAL_INFORMATION;
            case ENTROPIC_DISTANCE -> PairMeasure.ENTROPIC_DISTANCE;
        };
    }

    private double value(MutualInformationSnapshot s) {
        return switch (kind) {
            case CONDITIONAL_ENTROPY -> s.conditionalEntropyXGivenY();
            case MUTUAL_INFO -> s.mutualInformation();
            case NORMALIZED_MUTUAL_INFO -> s.normalizedMutualInformation();
            case ENTROPIC_DISTANCE -> s.entropicDistance();
        };
    }

    static int[] slice(SymbolColumn c, int start, int end) {
        return java.util.Arrays.copyOfRange(c.symbols(), start, end);
    }
}
