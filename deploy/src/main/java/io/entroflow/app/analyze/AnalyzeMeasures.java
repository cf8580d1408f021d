package io.entroflow.app.analyze;

import io.entroflow.topology.measure.InvalidParamException;
import io.entroflow.topology.measure.Measure;
import io.entroflow.topology.measure.MeasureCatalogue;
import io.entroflow.topology.measure.MeasureParams;
import io.entroflow.topology.measure.Surface;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The implementations of {@code analyze}, one per measure of the
 * {@link MeasureCatalogue} (a test checks that none is missing): add a measure by adding it to
 * {@link #all()}. Names, aliases and parameter checks come from the catalogue.
 */
public final class AnalyzeMeasures {
    private static final Map<String, AnalyzeMeasure> BY_MEASURE = index();

    private AnalyzeMeasures() {
    }

    /** Every implementation, in listing order. */
    public static List<AnalyzeMeasure> all() {
        List<AnalyzeMeasure> all = new ArrayList<>(EntropyFamilyMeasure.all());
        all.add(new DivergenceMeasure());
        all.addAll(InformationFlowMeasures.all());
        all.addAll(List.of(new PermutationEntropyMeasure(), new ComplexityMeasure()));
        all.add(new HmmMeasure());
        return Collections.unmodifiableList(all);
    }

    private static Map<String, AnalyzeMeasure> index() {
        Map<String, AnalyzeMeasure> m = new LinkedHashMap<>();
        for (AnalyzeMeasure a : all()) {
            if (m.put(a.measure(), a) != null) {
                throw new IllegalStateException("two analyze implementations of " + a.measure());
            }
        }
        return m;
    }

    /**
     * The catalogue measure of {@code --measure} (a name or an alias); {@code entropy} with
     * {@code --normalize} is {@code normalized-entropy}.
     *
     * @throws BadInputException naming the known measures when there is none
     */
    public static Measure resolve(AnalyzeOptions options) {
        Measure m = MeasureCatalogue.find(options.measure).orElseThrow(() -> new BadInputException(
                "--measure: " + MeasureCatalogue.unknown(options.measure, MeasureCatalogue.names())));
        if (options.normalize) {
            AnalyzeContext.require(m.name().equals("entropy") || m.name().equals("normalized-entropy"),
                    "--normalize: only for --measure entropy (it is --measure normalized-entropy), got " + m.name());
            return MeasureCatalogue.byName("normalized-entropy");
        }
        return m;
    }

    /**
     * The validated parameters of {@code measure} from the options, after refusing any input option
     * ({@link #requireOnlyOwnInputs}), measure option ({@link #requireOnlyOwnParameters}) or
     * {@code --significance} it does not take.
     *
     * @throws BadInputException {@code --NAME: reason}, the catalogue's reason
     */
    public static MeasureParams params(Measure measure, AnalyzeOptions options) {
        requireOnlyOwnInputs(measure, options);
        requireOnlyOwnParameters(measure, options);
        requireOnlyOwnOutputs(measure, options);
        FlowInputs.requireSignificanceSupported(measure.name(), options.significance);
        requireOnlyUsedModifiers(measure, options);
        try {
            return measure.readOptions(options::param);
        } catch (InvalidParamException e) {
            throw new BadInputException((e.param() == null ? "--" + measure.name() : "--" + e.param()) + ": "
                    + e.reason());
        }
    }

    /**
     * Refuses a measure-parameter option the measure does not take (it would be ignored): {@code --k} with
     * {@code --measure entropy}. {@code --dimension} and {@code --tau} also shape {@code --symbolize ordinal}.
     *
     * @throws BadInputException {@code --NAME: not an option of --measure M (it takes --A, --B)}
     */
    static void requireOnlyOwnParameters(Measure measure, AnalyzeOptions options) {
        boolean ordinalSymbols = "ordinal".equals(options.symbolize);
        for (String name : AnalyzeOptions.MEASURE_PARAMETERS) {
            if (options.param(name) == null || measure.param(name, Surface.ANALYZE) != null
                    || ordinalSymbols && (name.equals("dimension") || name.equals("tau"))) {
                continue;
            }
            List<String> own = measure.params(Surface.ANALYZE).stream().map(p -> "--" + p.name()).toList();
            throw new BadInputException("--" + name + ": not an option of --measure " + measure.name() + " ("
                    + (own.isEmpty() ? "it takes none of the measure options" : "it takes " + String.join(", ", own))
                    + ")");
        }
    }

    /**
     * Refuses an input option the measure does not read (it would be ignored): {@code --source} with
     * {@code --measure entropy}.
     *
     * @throws BadInputException {@code --NAME: not an option of --measure M (it reads --A, --B)}
     */
    public static void requireOnlyOwnInputs(Measure measure, AnalyzeOptions options) {
        List<String> own = of(measure).inputOptions();
        AnalyzeOptions.INPUT_OPTIONS.forEach((name, value) -> {
            if (value.apply(options) != null && !own.contains(name)) {
                throw new BadInputException(name + ": not an option of --measure " + measure.name() + " (it reads "
                        + String.join(", ", own) + ")");
            }
        });
    }

    /**
     * Refuses an output option the measure does not honour (it would be ignored): {@code --window} with
     * {@code --measure markov}.
     *
     * @throws BadInputException {@code --NAME: not an option of --measure M (it takes --A)}
     */
    static void requireOnlyOwnOutputs(Measure measure, AnalyzeOptions options) {
        List<String> own = of(measure).outputOptions();
        for (String name : AnalyzeOptions.OUTPUT_OPTIONS) {
            if (options.outputOptionGiven(name) && !own.contains(name)) {
                throw new BadInputException(name + ": not an option of --measure " + measure.name() + " ("
                        + (own.isEmpty() ? "it prints one summary of the whole input" : "it takes " + String.join(", ", own))
                        + ")");
            }
        }
    }

    /**
     * Refuses an option that only shapes another one when that other is not chosen (it would be ignored):
     * {@code --surrogates} without surrogate significance, {@code --seed} without surrogates or an HMM fit,
     * {@code --bins} without {@code --symbolize fixed|quantile}, {@code --range} without {@code --symbolize fixed}.
     *
     * @throws BadInputException {@code --NAME: only with ...}
     */
    static void requireOnlyUsedModifiers(Measure measure, AnalyzeOptions options) {
        FlowInputs.Significance significance = FlowInputs.Significance.parse(options.significance);
        boolean surrogates = significance == FlowInputs.Significance.SURROGATE
                || significance == FlowInputs.Significance.BLOCK_SURROGATE;
        String symbolize = options.symbolize == null ? "" : options.symbolize.toLowerCase(Locale.ROOT);
        if (options.given("--surrogates") && !surrogates) {
            throw new BadInputException("--surrogates: only with --significance surrogate or block-surrogate");
        }
        if (options.given("--seed") && !surrogates && !measure.name().equals("hmm")) {
            throw new BadInputException("--seed: only with --significance surrogate or block-surrogate, or --measure hmm");
        }
        if (options.given("--bins") && !symbolize.equals("fixed") && !symbolize.equals("quantile")) {
            throw new BadInputException("--bins: only with --symbolize fixed or quantile");
        }
        if (options.range != null && !symbolize.equals("fixed")) {
            throw new BadInputException("--range: only with --symbolize fixed");
        }
    }

    /** The implementation of {@code measure}. @throws IllegalStateException when analyze has none */
    public static AnalyzeMeasure of(Measure measure) {
        AnalyzeMeasure a = BY_MEASURE.get(measure.name());
        if (a == null) {
            throw new IllegalStateException("analyze has no implementation of measure " + measure.name());
        }
        return a;
    }
}
