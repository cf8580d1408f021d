package io.entroflow.app.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.entroflow.topology.measure.Param;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every option of {@code entroflow analyze}. The options named like a measure parameter of the
 * {@link io.entroflow.topology.measure.MeasureCatalogue} ({@code --alpha}, {@code --k}, ...) are kept
 * as given text and read through {@link #param}, so the catalogue validates them as it validates a
 * spec's {@code params}; the others (inputs, symbolising, output) each measure reads as it needs.
 */
public final class AnalyzeOptions {
    /** The command this mixin belongs to, for {@link #given}; null when built outside picocli (tests). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * Whether option {@code name} was on the command line, as opposed to holding its default (for the
     * options with a default value: {@code --surrogates}, {@code --seed}, {@code --bins}). False outside picocli.
     */
    public boolean given(String name) {
        return command != null && command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption(name);
    }

    @Option(names = "--measure", required = true, paramLabel = "NAME",
            description = "Measure to compute; the README lists them all.")
    public String measure;

    @Option(names = "--input", paramLabel = "FILE|-", description = "CSV with a header row, or JSON lines; '-' reads standard input.")
    public String input;

    @Option(names = "--column", paramLabel = "NAME", description = "Column holding the signal.")
    public String column;

    @Option(names = "--source", paramLabel = "NAME", description = "Source column (information flow measures).")
    public String source;

    @Option(names = "--target", paramLabel = "NAME", description = "Target column (information flow measures).")
    public String target;

    @Option(names = "--condition", paramLabel = "NAME", description = "Conditioning column: required by conditional-transfer-entropy; optional for mutual-info, normalized-mutual-info, conditional-entropy and entropic-distance.")
    public String condition;

    @Option(names = "--base", defaultValue = "2", paramLabel = "2|e", description = "Logarithm base: 2 (bits, default) or e (nats).")
    public String base;

    @Option(names = "--time-column", paramLabel = "NAME", description = "Column holding each event's time: epoch milliseconds or an ISO-8601 instant (2024-05-01T12:00:00Z). Used by --measure hmm (--dwell-time, a 'time' on each --series row).")
    public String timeColumn;

    @Option(names = "--series", description = "Print one JSON object per event instead of one summary.")
    public boolean series;

    @Option(names = "--window", paramLabel = "N", description = "Sliding window of N events with --series; otherwise one result per consecutive block of N events.")
    public Integer window;

    @Option(names = "--alpha", paramLabel = "A", description = "Renyi order alpha >= 0 ('inf' for min-entropy). Default 2.")
    public String alpha;

    @Option(names = "--q", paramLabel = "Q", description = "Tsallis order q >= 0. Default 2.")
    public String q;

    @Option(names = "--miller-madow", description = "Add the Miller-Madow bias correction (m-1)/(2N) to Shannon entropy.")
    public boolean millerMadow;

    @Option(names = "--normalize", description = "Divide Shannon entropy by log m (m = --alphabet, or the support seen): the same as --measure normalized-entropy.")
    public boolean normalize;

    @Option(names = "--alphabet", paramLabel = "M", description = "Declared alphabet size for normalized-entropy (0, the default: the support seen).")
    public String alphabet;

    @Option(names = "--alphabet-cap", defaultValue = "65536", paramLabel = "N",
            description = "Most distinct categorical values given their own symbol; the rest share an overflow symbol. "
                    + "Default ${DEFAULT-VALUE}.")
    public int alphabetCap;

    @Option(names = "--symbolize", paramLabel = "fixed|quantile|ordinal", description = "Turn a numeric column into symbols. Default: treat values as categories.")
    public String symbolize;

    @Option(names = "--bins", defaultValue = "8", paramLabel = "B", description = "Bins for --symbolize fixed|quantile. Default ${DEFAULT-VALUE}.")
    public int bins;

    @Option(names = "--range", paramLabel = "MIN:MAX", description = "Range for --symbolize fixed. Default: the data's min and max.")
    public String range;

    @Option(names = "--reference", paramLabel = "FILE", description = "Reference data for --measure divergence (same column).")
    public String reference;

    @Option(names = "--divergence", paramLabel = "kl|js", description = "Divergence: kl (Kullback-Leibler, default) or js (Jensen-Shannon).")
    public String divergence;

    @Option(names = "--smoothing", paramLabel = "L", description = "Add-L smoothing of the reference counts for divergence. Default 0.5.")
    public String smoothing;

    @Option(names = "--k", paramLabel = "K", description = "Target (or own) history length k. Default 1.")
    public String k;

    @Option(names = "--l", paramLabel = "L", description = "Source history length l. Default 1.")
    public String l;

    @Option(names = "--delay", paramLabel = "U", description = "Source-target delay u >= 1. Default 1.")
    public String delay;

    @Option(names = "--condition-k", paramLabel = "M", description = "Condition history length m (conditional-transfer-entropy). Default 1.")
    public String conditionK;

    @Option(names = "--condition-delay", paramLabel = "W", description = "Condition delay w >= 1 (conditional-transfer-entropy). Default 1.")
    public String conditionDelay;

    @Option(names = "--pseudo-count", paramLabel = "C", description = "Added to every transition count (markov). Default 0.")
    public String pseudoCount;

    @Option(names = "--significance", paramLabel = "METHOD", completionCandidates = SignificanceMethods.class,
            description = "Add a p-value by METHOD, one of: ${COMPLETION-CANDIDATES}. The analytic one is a chi-square "
                    + "approximation; surrogate shuffles the source --surrogates times, block-surrogate shuffles "
                    + "blocks of the square root of n events (rounded up).")
    public String significance;

    @Option(names = "--surrogates", defaultValue = "1000", paramLabel = "N", description = "Surrogates for --significance surrogate or block-surrogate. Default ${DEFAULT-VALUE}.")
    public int surrogates;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (surrogates, restarts). Default ${DEFAULT-VALUE}.")
    public long seed;

    @Option(names = "--local", description = "Print per-event local values.")
    public boolean local;

    @Option(names = "--dimension", paramLabel = "D", description = "Ordinal pattern dimension d. Default 3.")
    public String dimension;

    @Option(names = "--tau", paramLabel = "T", description = "Ordinal pattern delay tau. Default 1.")
    public String tau;

    @Option(names = "--weighted", description = "Weighted permutation entropy.")
    public boolean weighted;

    @Option(names = "--model", paramLabel = "FILE", description = "HMM model file (JSON).")
    public String model;

    @Option(names = "--states", paramLabel = "K", description = "Number of HMM states to fit.")
    public String states;

    @Option(names = "--emission", paramLabel = "categorical|gaussian|ar1", description = "HMM emission type when fitting.")
    public String emission;

    @Option(names = "--fit", paramLabel = "baum-welch|online", description = "Fit HMM parameters: baum-welch (offline; rows and loglik use the fitted model) or online (online EM; each row and the loglik come from the adapting filter with the parameters in force at that event, so loglik is the prequential log-likelihood).")
    public String fit;

    @Option(names = "--save-model", paramLabel = "FILE", description = "Write the HMM model to FILE (the fitted one; for --fit online its final parameters).")
    public String saveModel;

    @Option(names = "--threshold", paramLabel = "P", description = "HMM regime change: the new state's posterior must stay >= P (0 < P <= 1). Default 0.5.")
    public String threshold;

    @Option(names = "--dwell", paramLabel = "N", description = "HMM regime change: for at least N consecutive events. Default 1.")
    public String dwell;

    @Option(names = "--dwell-time", paramLabel = "DURATION", description = "HMM regime change: the new state must also hold for at least this much event time, from its first event to the confirming one (500ms, 2s, 1m, PT1S; needs --time-column). Default 0.")
    public String dwellTime;

    @Option(names = "--restarts", paramLabel = "R", description = "HMM Baum-Welch: random restarts (seeded by --seed). Default 5.")
    public String restarts;

    /** The options that choose the output's rows (per event, per block, local values). */
    public static final List<String> OUTPUT_OPTIONS = List.of("--series", "--window", "--local");

    /** Whether output option {@code name} (one of {@link #OUTPUT_OPTIONS}) was given. */
    public boolean outputOptionGiven(String name) {
        return switch (name) {
            case "--series" -> series;
            case "--window" -> window != null;
            case "--local" -> local;
            default -> throw new IllegalStateException("not an output option: " + name);
        };
    }

    /**
     * The options that name the input's columns and files (and the file {@code --save-model} writes),
     * with their values (null when not given).
     */
    public static final Map<String, Function<AnalyzeOptions, String>> INPUT_OPTIONS = inputOptions();

    private static Map<String, Function<AnalyzeOptions, String>> inputOptions() {
        Map<String, Function<AnalyzeOptions, String>> m = new LinkedHashMap<>();
        m.put("--column", o -> o.column);
        m.put("--source", o -> o.source);
        m.put("--target", o -> o.target);
        m.put("--condition", o -> o.condition);
        m.put("--reference", o -> o.reference);
        m.put("--time-column", o -> o.timeColumn);
        m.put("--model", o -> o.model);
        m.put("--save-model", o -> o.saveModel);
        return Collections.unmodifiableMap(m);
    }

    /** Each measure parameter an option gives, by name ({@code --NAME}), with the option's value as text (or a flag). */
    private static final Map<String, Function<AnalyzeOptions, JsonNode>> PARAMETER_OPTIONS = parameterOptions();

    /** The names of the measure parameters an option gives ({@link #param}), {@code --NAME} each. */
    public static final List<String> MEASURE_PARAMETERS = List.copyOf(PARAMETER_OPTIONS.keySet());

    private static Map<String, Function<AnalyzeOptions, JsonNode>> parameterOptions() {
        Map<String, Function<AnalyzeOptions, JsonNode>> m = new LinkedHashMap<>();
        m.put("miller-madow", o -> o.millerMadow ? BooleanNode.TRUE : null);
        m.put("weighted", o -> o.weighted ? BooleanNode.TRUE : null);
        Map<String, Function<AnalyzeOptions, String>> texts = new LinkedHashMap<>();
        texts.put("alpha", o -> o.alpha);
        texts.put("q", o -> o.q);
        texts.put("alphabet", o -> o.alphabet);
        texts.put("divergence", o -> o.divergence);
        texts.put("smoothing", o -> o.smoothing);
        texts.put("k", o -> o.k);
        texts.put("l", o -> o.l);
        texts.put("delay", o -> o.delay);
        texts.put("condition-k", o -> o.conditionK);
        texts.put("condition-delay", o -> o.conditionDelay);
        texts.put("pseudo-count", o -> o.pseudoCount);
        texts.put("dimension", o -> o.dimension);
        texts.put("tau", o -> o.tau);
        texts.put("states", o -> o.states);
        texts.put("emission", o -> o.emission);
        texts.put("fit", o -> o.fit);
        texts.put("threshold", o -> o.threshold);
        texts.put("dwell", o -> o.dwell);
        texts.put("restarts", o -> o.restarts);
        texts.forEach((name, text) -> m.put(name, o -> Param.fromText(text.apply(o))));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The value of the option of measure parameter {@code name} as the JSON value a spec would hold
     * ({@link Param#fromText}), or null when the option was not given. The measure catalogue validates
     * it and fills in the default.
     *
     * @throws IllegalStateException when {@code name} is not a parameter any option gives
     */
    public JsonNode param(String name) {
        Function<AnalyzeOptions, JsonNode> option = PARAMETER_OPTIONS.get(name);
        if (option == null) {
            throw new IllegalStateException("no analyze option for measure parameter '" + name + "'");
        }
        return option.apply(this);
    }

    /** The values of {@code --significance}, for its help (picocli's completion candidates). */
    public static final class SignificanceMethods implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return FlowInputs.Significance.labels().iterator();
        }
    }
}
