package io.entroflow.topology.measure;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.ordinal.OrdinalConfig;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one table of measures: names, aliases and parameters (type, range, default, description), read
 * by the monitor's operator registry (a spec's {@code type} and {@code params}) and by
 * {@code entroflow analyze} ({@code --measure NAME} and its options). A measure added here is
 * validated the same way, with the same error text, on both surfaces; a test checks that each surface
 * implements every measure and that the spec's JSON Schema holds {@link #operatorSchemaRules()}.
 *
 * <p><b>Why here.</b> The table describes measures of the operators library, but its validation works
 * on JSON values (a spec's {@code params} node; an option's text read as the same JSON value, so
 * {@code --alpha -1} and {@code alpha: -1} fail alike) and it renders the schema's fragment, so it
 * needs Jackson, which {@code operators/} must not import. The topology module already depends on
 * Jackson and is what the app depends on for the registry, so both users reach it here.
 *
 * <p>Parameters that only make sense on one surface say so ({@link Surface}): a spec's inline
 * {@code reference} counts and HMM {@code model}, {@code analyze}'s fitting options. Inputs that are
 * not measure parameters stay where they are: signals and windows in the spec, {@code --column},
 * {@code --reference FILE}, {@code --model FILE}, {@code --symbolize} on the command line.
 */
public final class MeasureCatalogue {
    private static final Param K_TARGET = Param.integer("k", 0, 64, 1, "target history length k");
    private static final Param L_SOURCE = Param.integer("l", 1, 64, 1, "source history length l");
    private static final Param DELAY = Param.integer("delay", 1, 1 << 24, 1,
            "source-target delay u (1: the source symbol just before the predicted target symbol)");
    private static final Param CONDITION_K = Param.integer("condition-k", 1, 64, 1, "condition history length m");
    private static final Param CONDITION_DELAY = Param.integer("condition-delay", 1, 1 << 24, 1,
            "condition delay w (1: the condition symbol just before the predicted target symbol)");
    private static final Param K_OWN = Param.integer("k", 1, 64, 1, "history length k");
    private static final Param DIMENSION = Param.integer("dimension", 2, OrdinalConfig.MAX_DIMENSION, 3,
            "ordinal pattern (embedding) dimension d");
    private static final Param TAU = Param.integer("tau", 1, 1 << 20, 1, "ordinal pattern (embedding) delay tau");
    private static final Param WEIGHTED = Param.flag("weighted", "weighted permutation entropy (Fadlallah et al. 2013)");

    private static final List<Measure> ALL = List.of(
            single("entropy", List.of("shannon"), "Shannon entropy H = -sum p log p",
                    Param.flag("miller-madow", "add the Miller-Madow bias correction (m - 1)/(2N) nats")),
            single("renyi", List.of(), "Renyi entropy of order alpha: log(sum p^alpha)/(1 - alpha)",
                    Param.numberOrInfinity("alpha", 0, 2, "order alpha >= 0, or inf (min-entropy)")),
            single("tsallis", List.of(), "Tsallis entropy of order q: (1 - sum p^q)/(q - 1), in nats",
                    Param.number("q", 0, 2, "order q >= 0")),
            single("gini-simpson", List.of(), "Gini-Simpson index 1 - sum p^2"),
            single("normalized-entropy", List.of(), "Shannon entropy over log M, 0..1",
                    Param.integer("alphabet", 0, Integer.MAX_VALUE, 0, "declared alphabet size M; 0: the signal's "
                            + "alphabet in a spec, the support seen in analyze")),
            single("divergence", List.of(), "KL or Jensen-Shannon divergence of the window from a reference",
                    Param.choice("divergence", "kl", "kl (Kullback-Leibler) or js (Jensen-Shannon)",
                            "kl", "js", "kullback-leibler", "jensen-shannon"),
                    Param.number("smoothing", 0, 0.5, "add-L smoothing of the reference counts"),
                    Param.structured("reference", ParamType.ARRAY, "reference counts, one per symbol of the signal")
                            .only(Surface.SPEC)),
            pair("mutual-info", List.of("mutual-information", "mi"), "I(X;Y) [| Z], with the analytic p-value"),
            pair("normalized-mutual-info", List.of(), "I / sqrt(H(X) H(Y)), 0..1, with the p-value of I"),
            pair("conditional-entropy", List.of(), "H(X|Y) [| Z]"),
            pair("entropic-distance", List.of("rajski"), "H(X|Y) + H(Y|X) [| Z]"),
            new Measure("transfer-entropy", List.of("te"), "TE source -> target, with the analytic p-value", 2, 2, true,
                    List.of(K_TARGET, L_SOURCE, DELAY)),
            new Measure("conditional-transfer-entropy", List.of("conditional-te"),
                    "TE source -> target given a condition, with the analytic p-value", 3, 3, true,
                    List.of(K_TARGET, L_SOURCE, DELAY, CONDITION_K, CONDITION_DELAY)),
            single("entropy-rate", List.of(), "entropy rate H(x_t+1 | k past symbols)", K_OWN),
            single("active-info", List.of("active-information-storage", "ais"),
                    "active information storage I(x_t+1 ; k past symbols)", K_OWN),
            single("markov", List.of(), "first-order Markov chain: entropy rate and entropy production",
                    Param.choice("value", "entropy-rate", "the operator value", "entropy-rate", "entropy-production")
                            .only(Surface.SPEC),
                    Param.number("pseudo-count", 0, 0, "added to every transition count")),
            single("permutation-entropy", List.of("pe"), "normalised permutation entropy of a numeric signal, 0..1",
                    DIMENSION, TAU, WEIGHTED),
            single("complexity", List.of("statistical-complexity"),
                    "Jensen-Shannon statistical complexity of the ordinal patterns, 0..1", DIMENSION, TAU, WEIGHTED),
            new Measure("hmm", List.of(), "HMM regime filter: surprise or posterior entropy, and the regime", 1, 1, false,
                    List.of(Param.structured("model", ParamType.OBJECT,
                                    "the HMM model inline, in the format of hmm-model.schema.json").only(Surface.SPEC),
                            Param.choice("value", "surprise", "the operator value", "surprise", "posterior-entropy")
                                    .only(Surface.SPEC),
                            Param.integer("states", HmmModel.MIN_STATES, HmmModel.MAX_STATES, 2,
                                    "number of states to fit").noDefault().only(Surface.ANALYZE),
                            Param.choice("emission", null, "emission type to fit", "categorical", "gaussian", "ar1")
                                    .only(Surface.ANALYZE),
                            Param.choice("fit", null, "fit the parameters: baum-welch (offline) or online (online EM)",
                                    "baum-welch", "online").only(Surface.ANALYZE),
                            Param.number("threshold", 0, 0.5, "regime change: the new state's posterior must stay >= P")
                                    .between(0, 1).only(Surface.ANALYZE),
                            Param.integer("dwell", 1, Integer.MAX_VALUE, 1,
                                    "regime change: for at least N consecutive events").only(Surface.ANALYZE),
                            Param.integer("restarts", 1, Integer.MAX_VALUE, 5, "Baum-Welch random restarts").only(Surface.ANALYZE))));

    private MeasureCatalogue() {
    }

    private static Measure single(String name, List<String> aliases, String description, Param... params) {
        return new Measure(name, aliases, description, 1, 1, true, List.of(params));
    }

    private static Measure pair(String name, List<String> aliases, String description) {
        return new Measure(name, aliases, description, 2, 3, true, List.of());
    }

    /** Every measure, in listing order. */
    public static List<Measure> all() {
        return ALL;
    }

    /** The measure named {@code name} or one of its aliases (case and surrounding blanks ignored). */
    public static Optional<Measure> find(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(m -> m.names().contains(wanted)).findFirst();
    }

    /** The measure named {@code name}. @throws IllegalArgumentException when there is none */
    public static Measure byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("measure: " + unknown(name, names())));
    }

    /** Canonical names, in listing order. */
    public static List<String> names() {
        return ALL.stream().map(Measure::name).toList();
    }

    /** The reason given for an unknown measure name, on every surface. */
    public static String unknown(String name, Collection<String> known) {
        return "unknown measure '" + name + "'; known: " + String.join(", ", known);
    }

    /**
     * The rules of the spec schema's {@code $defs.operator.allOf}: per measure, its {@code params}
     * (names, types, ranges, defaults; no others) and the number of {@code signals}; and the
     * {@code window} every measure but those with a default window requires. The schema file holds
     * exactly these (checked by a test), so it accepts what the planner accepts and rejects a bad value
     * with the text {@link Param#read} gives.
     */
    public static ArrayNode operatorSchemaRules() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode rules = f.arrayNode();
        ArrayNode windowed = f.arrayNode();
        for (Measure m : ALL) {
            ObjectNode rule = rules.addObject();
            ObjectNode condition = rule.putObject("if");
            condition.putArray("required").add("type");
            ArrayNode types = condition.putObject("properties").putObject("type").putArray("enum");
            m.names().forEach(types::add);
            ObjectNode then = rule.putObject("then");
            if (m.maxSignals() > 1) {
                then.putArray("required").add("signals");
            }
            ObjectNode props = then.putObject("properties");
            ObjectNode params = props.putObject("params");
            params.put("type", "object");
            params.put("additionalProperties", false);
            ObjectNode paramProps = params.putObject("properties");
            ArrayNode required = f.arrayNode();
            for (Param p : m.params(Surface.SPEC)) {
                paramProps.set(p.name(), p.schema());
                if (p.required()) {
                    required.add(p.name());
                }
            }
            if (!required.isEmpty()) {
                params.set("required", required);
            }
            if (m.maxSignals() > 1) {
                props.putObject("signals").put("minItems", m.minSignals()).put("maxItems", m.maxSignals());
            }
            if (m.windowRequired()) {
                m.names().forEach(windowed::add);
            }
        }
        ObjectNode window = rules.addObject();
        ObjectNode condition = window.putObject("if");
        condition.putArray("required").add("type");
        condition.putObject("properties").putObject("type").set("enum", windowed);
        window.putObject("then").putArray("required").add("window");
        return rules;
    }
}
