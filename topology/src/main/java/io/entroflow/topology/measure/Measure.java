package io.entroflow.topology.measure;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One measure of the catalogue: the name a spec's {@code type} and {@code analyze --measure} use, its
 * aliases, its parameters, and how many input signals a spec gives it.
 *
 * @param name        canonical name, e.g. {@code transfer-entropy}
 * @param aliases     other accepted names, e.g. {@code te}
 * @param description one line
 * @param minSignals  fewest input signals of a spec operator
 * @param maxSignals  most input signals of a spec operator
 * @param windowRequired false when a spec operator may omit {@code window} (then cumulative)
 * @param params      the parameters, in listing order
 */
public record Measure(String name, List<String> aliases, String description, int minSignals, int maxSignals,
                      boolean windowRequired, List<Param> params) {
    public Measure {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
    }

    /** The canonical name and the aliases. */
    public List<String> names() {
        List<String> all = new ArrayList<>(aliases.size() + 1);
        all.add(name);
        all.addAll(aliases);
        return all;
    }

    /** The parameters {@code surface} takes. */
    public List<Param> params(Surface surface) {
        return params.stream().filter(p -> p.takenBy(surface)).toList();
    }

    /** The parameter named {@code param} on {@code surface}, or null. */
    public Param param(String param, Surface surface) {
        return params.stream().filter(p -> p.name().equals(param) && p.takenBy(surface)).findFirst().orElse(null);
    }

    /**
     * The validated parameters of a spec operator ({@code params}, null for none): every name must be a
     * parameter of this measure on {@link Surface#SPEC}.
     *
     * @throws InvalidParamException for the first unknown name or bad value
     */
    public MeasureParams readSpec(JsonNode given) {
        if (given != null) {
            for (Iterator<String> it = given.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (param(n, Surface.SPEC) == null) {
                    throw new InvalidParamException(null, "unknown field '" + n + "'");
                }
            }
        }
        return read(Surface.SPEC, n -> given == null ? null : given.get(n));
    }

    /**
     * The validated parameters of {@code analyze}: {@code given} returns the value of an option (see
     * {@link Param#fromText}), or null when it was not given.
     *
     * @throws InvalidParamException for the first bad value
     */
    public MeasureParams readOptions(Function<String, JsonNode> given) {
        return read(Surface.ANALYZE, given);
    }

    private MeasureParams read(Surface surface, Function<String, JsonNode> given) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Param p : params(surface)) {
            JsonNode v = p.read(given.apply(p.name()));
            if (v != null) {
                values.put(p.name(), v);
            }
        }
        return new MeasureParams(this, values);
    }
}
