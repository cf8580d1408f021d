package io.entroflow.topology.measure;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The validated parameter values of one use of a {@link Measure}: every value has passed its
 * {@link Param#read} check and absent ones hold their defaults. Immutable.
 */
public final class MeasureParams {
    private final Measure measure;
    private final Map<String, JsonNode> values;

    MeasureParams(Measure measure, Map<String, JsonNode> values) {
        this.measure = measure;
        this.values = Map.copyOf(values);
    }

    /** The measure these parameters are for. */
    public Measure measure() {
        return measure;
    }

    /** True when {@code name} has a value (given, or a default). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** An integer parameter. */
    public int integer(String name) {
        return value(name).asInt();
    }

    /** A number parameter ({@code inf} is {@link Double#POSITIVE_INFINITY}). */
    public double number(String name) {
        return value(name).asDouble();
    }

    /** A boolean parameter. */
    public boolean flag(String name) {
        return value(name).asBoolean();
    }

    /** A choice parameter. */
    public String text(String name) {
        return value(name).asText();
    }

    /** An array or object parameter, as given. */
    public JsonNode node(String name) {
        return value(name);
    }

    private JsonNode value(String name) {
        JsonNode v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("measure " + measure.name() + " has no value for parameter '" + name + "'");
        }
        return v;
    }
}
