package io.entroflow.topology.measure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One parameter of a {@link Measure}: name, type, valid range or choices, default, description, and
 * the surfaces that take it. {@link #read} is the one validation of a value, with one error text
 * ({@code must be >= 0, got -1}) whichever surface the value came from. The texts are those the spec
 * loader gives for the same JSON Schema keywords, so a value rejected by the schema
 * ({@link #schema()}) reads the same as one rejected here.
 *
 * @param name        the spec's {@code params} key and the {@code analyze} option without {@code --}
 * @param type        value type
 * @param min         lower bound (numbers), or null
 * @param minExclusive true when the lower bound itself is invalid
 * @param max         upper bound (numbers, inclusive), or null
 * @param choices     the accepted words ({@link ParamType#CHOICE}), else empty
 * @param defaultValue the value when absent, or null (then absent means absent, or an error when required)
 * @param required    true when the value must be given
 * @param surfaces    where the parameter is given
 * @param description one line for the README, the schema and help texts
 */
public record Param(String name, ParamType type, Double min, boolean minExclusive, Double max, List<String> choices,
                    JsonNode defaultValue, boolean required, Set<Surface> surfaces, String description) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public Param {
        choices = List.copyOf(choices);
        surfaces = Set.copyOf(surfaces);
    }

    /** An integer in {@code min..max}, default {@code fallback}, on both surfaces. */
    static Param integer(String name, int min, int max, int fallback, String description) {
        return new Param(name, ParamType.INTEGER, (double) min, false, (double) max, List.of(), IntNode.valueOf(fallback),
                false, EnumSet.allOf(Surface.class), description);
    }

    /** A finite number &ge; {@code min} (no upper bound), default {@code fallback}, on both surfaces. */
    static Param number(String name, double min, double fallback, String description) {
        return new Param(name, ParamType.NUMBER, min, false, null, List.of(), number(fallback), false,
                EnumSet.allOf(Surface.class), description);
    }

    /** A number &ge; {@code min} or {@code inf}, default {@code fallback}, on both surfaces. */
    static Param numberOrInfinity(String name, double min, double fallback, String description) {
        return new Param(name, ParamType.NUMBER_OR_INFINITY, min, false, null, List.of(), number(fallback), false,
                EnumSet.allOf(Surface.class), description);
    }

    /** A boolean, default false (on the command line: a flag), on both surfaces. */
    static Param flag(String name, String description) {
        return new Param(name, ParamType.BOOLEAN, null, false, null, List.of(), BooleanNode.FALSE, false,
                EnumSet.allOf(Surface.class), description);
    }

    /** One of {@code choices}, default {@code fallback} (null: none), on both surfaces. */
    static Param choice(String name, String fallback, String description, String... choices) {
        return new Param(name, ParamType.CHOICE, null, false, null, List.of(choices),
                fallback == null ? null : TextNode.valueOf(fallback), false, EnumSet.allOf(Surface.class), description);
    }

    /** A required array or object, checked in detail by the factory. */
    static Param structured(String name, ParamType type, String description) {
        return new Param(name, type, null, false, null, List.of(), null, true, EnumSet.allOf(Surface.class), description);
    }

    /** This parameter on {@code only} (one surface) instead of both. */
    Param only(Surface only) {
        return new Param(name, type, min, minExclusive, max, choices, defaultValue, required, EnumSet.of(only), description);
    }

    /** This parameter without a default. */
    Param noDefault() {
        return new Param(name, type, min, minExclusive, max, choices, null, required, surfaces, description);
    }

    /** This parameter with an exclusive lower bound and an upper bound. */
    Param between(double exclusiveMin, double inclusiveMax) {
        return new Param(name, type, exclusiveMin, true, inclusiveMax, choices, defaultValue, required, surfaces,
                description);
    }

    /** True when {@code surface} takes this parameter. */
    public boolean takenBy(Surface surface) {
        return surfaces.contains(surface);
    }

    /**
     * The validated value of {@code given} (null or JSON null: absent), or the default.
     *
     * @return the value, {@link DoubleNode} +&infin; for {@code inf}; null when absent without a default
     * @throws InvalidParamException naming this parameter, with the reason
     */
    public JsonNode read(JsonNode given) {
        if (given == null || given.isNull()) {
            if (required) {
                throw new InvalidParamException(null, "missing required field '" + name + "'");
            }
            return defaultValue;
        }
        switch (type) {
            case INTEGER -> {
                if (!given.isNumber() || given.asDouble() != Math.rint(given.asDouble())
                        || Double.isInfinite(given.asDouble())) {
                    throw invalid("must be " + type.phrase() + ", got " + given);
                }
                checkRange(given);
                return IntNode.valueOf(given.asInt());
            }
            case NUMBER -> {
                if (!given.isNumber() || !Double.isFinite(given.asDouble())) {
                    throw invalid("must be " + type.phrase() + ", got " + given);
                }
                checkRange(given);
                return given;
            }
            case NUMBER_OR_INFINITY -> {
                if (given.isTextual() && isInfinity(given.asText())) {
                    return DoubleNode.valueOf(Double.POSITIVE_INFINITY);
                }
                if (!given.isNumber()) {
                    throw invalid("must be a number or inf, got " + given);
                }
                checkRange(given);
                return given;
            }
            case BOOLEAN -> {
                if (!given.isBoolean()) {
                    throw invalid("must be " + type.phrase() + ", got " + given);
                }
                return given;
            }
            case CHOICE -> {
                if (!given.isTextual() || !choices.contains(given.asText())) {
                    throw invalid("must be one of " + choiceList() + ", got " + given);
                }
                return given;
            }
            case ARRAY -> {
                if (!given.isArray()) {
                    throw invalid("must be " + type.phrase() + ", got " + given);
                }
                return given;
            }
            default -> {
                if (!given.isObject()) {
                    throw invalid("must be " + type.phrase() + ", got " + given);
                }
                return given;
            }
        }
    }

    /**
     * A command-line text as the JSON value a spec would hold for it: a number or boolean when it reads
     * as one ({@code 2}, {@code -1.5}, {@code true}), else the string ({@code inf}, {@code kl}). So
     * {@code --alpha -1} and {@code alpha: -1} are the same value with the same error text.
     */
    public static JsonNode fromText(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && (n.isNumber() || n.isBoolean())) {
                return n;
            }
        } catch (JsonProcessingException e) {
            // not a JSON scalar: a word
        }
        return TextNode.valueOf(text);
    }

    /** This parameter's JSON Schema (type, bounds, choices, default, description). */
    public ObjectNode schema() {
        ObjectNode s = NODES.objectNode();
        if (type == ParamType.NUMBER_OR_INFINITY) {
            s.putArray("type").add("number").add("string");
        } else {
            s.put("type", type.jsonType());
        }
        if (min != null) {
            s.set(minExclusive ? "exclusiveMinimum" : "minimum", number(min));
        }
        if (max != null) {
            s.set("maximum", number(max));
        }
        if (!choices.isEmpty()) {
            s.set("enum", choiceList());
        }
        if (defaultValue != null) {
            s.set("default", defaultValue);
        }
        s.put("description", description);
        return s;
    }

    private void checkRange(JsonNode given) {
        double v = given.asDouble();
        if (min != null && (minExclusive ? !(v > min) : !(v >= min))) {
            throw invalid("must be " + (minExclusive ? "> " : ">= ") + number(min) + ", got " + given);
        }
        if (max != null && !(v <= max)) {
            throw invalid("must be <= " + number(max) + ", got " + given);
        }
        if (type == ParamType.INTEGER && !given.canConvertToInt()) {
            throw invalid("must be " + type.phrase() + ", got " + given);
        }
    }

    private ArrayNode choiceList() {
        ArrayNode a = NODES.arrayNode();
        choices.forEach(a::add);
        return a;
    }

    private InvalidParamException invalid(String reason) {
        return new InvalidParamException(name, reason);
    }

    private static boolean isInfinity(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("inf") || t.equals("infinity");
    }

    /** An integral double as an int node (printed {@code 2}, like the schema's bounds), else a double node. */
    private static JsonNode number(double v) {
        return v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE ? IntNode.valueOf((int) v) : DoubleNode.valueOf(v);
    }
}
