package io.entroflow.schemas.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.hmm.Ar1GaussianEmission;
import io.entroflow.operators.hmm.CategoricalEmission;
import io.entroflow.operators.hmm.Emission;
import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads and writes HMM model files (JSON, schema {@code schemas/hmm-model.schema.json} in the
 * {@code schemas} module):
 * <pre>
 * {"initial": [..], "transition": [[..], ..],
 *  "emission": {"type": "categorical", "probabilities": [[..], ..]}
 *            | {"type": "gaussian", "means": [..], "variances": [..]}
 *            | {"type": "ar1", "intercepts": [..], "coefficients": [..], "variances": [..]}}
 * </pre>
 * Every error names the JSON path and the value, e.g. {@code $.transition[1][0]: expected a
 * probability in [0, 1], got -0.2}, and is thrown as a {@link SpecPathException}.
 */
public final class HmmModelJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HmmModelJson() {
    }

    /**
     * Reads a model file.
     *
     * @throws UncheckedIOException     when the file cannot be read (the cause says why)
     * @throws IllegalArgumentException naming the file, the JSON path and the value
     */
    public static HmmModel read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    /** Parses a model. @throws IllegalArgumentException naming the JSON path and the value */
    public static HmmModel parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("$: not JSON (" + e.getOriginalMessage() + ")");
        }
        return fromJson(root);
    }

    /** Converts a parsed model. @throws SpecPathException naming the JSON path ({@code $...}) and the value */
    public static HmmModel fromJson(JsonNode root) {
        return fromJson(root, SpecPath.of("$"));
    }

    /**
     * Converts a model found at {@code at} in a larger document (e.g. {@code operators[3].params.model}).
     *
     * @throws SpecPathException naming the path under {@code at} and the value
     */
    public static HmmModel fromJson(JsonNode root, SpecPath at) {
        requireObject(at, root, Set.of("initial", "transition", "emission"));
        double[] initial = numbers(at.field("initial"), field(at, root, "initial"));
        double[][] transition = matrix(at.field("transition"), field(at, root, "transition"));
        Emission emission = emission(at.field("emission"), field(at, root, "emission"));
        try {
            return new HmmModel(initial, transition, emission);
        } catch (IllegalArgumentException e) {
            throw SpecPathException.within(at, e);
        }
    }

    private static Emission emission(SpecPath path, JsonNode node) {
        if (!node.isObject()) {
            throw new SpecPathException(path, "expected an object, got " + node);
        }
        JsonNode type = field(path, node, "type");
        try {
            switch (type.isTextual() ? type.asText() : "") {
                case "categorical":
                    requireObject(path, node, Set.of("type", "probabilities"));
                    return new CategoricalEmission(matrix(path.field("probabilities"), field(path, node, "probabilities")));
                case "gaussian":
                    requireObject(path, node, Set.of("type", "means", "variances"));
                    return new GaussianEmission(numbers(path.field("means"), field(path, node, "means")),
                            numbers(path.field("variances"), field(path, node, "variances")));
                case "ar1":
                    requireObject(path, node, Set.of("type", "intercepts", "coefficients", "variances"));
                    return new Ar1GaussianEmission(numbers(path.field("intercepts"), field(path, node, "intercepts")),
                            numbers(path.field("coefficients"), field(path, node, "coefficients")),
                            numbers(path.field("variances"), field(path, node, "variances")));
                default:
                    throw new SpecPathException(path.field("type"), "expected categorical, gaussian or ar1, got " + type);
            }
        } catch (SpecPathException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw SpecPathException.within(path, e); // the emission's own check, naming its field
        }
    }

    /** The model as a JSON object in the file format. */
    public static ObjectNode toJson(HmmModel model) {
        ObjectNode root = JSON.createObjectNode();
        array(root.putArray("initial"), model.initial());
        ArrayNode rows = root.putArray("transition");
        for (double[] row : model.transition()) {
            array(rows.addArray(), row);
        }
        ObjectNode e = root.putObject("emission");
        Emission emission = model.emission();
        e.put("type", emission.type().label());
        if (emission instanceof CategoricalEmission c) {
            ArrayNode p = e.putArray("probabilities");
            for (double[] row : c.probabilities()) {
                array(p.addArray(), row);
            }
        } else if (emission instanceof GaussianEmission g) {
            array(e.putArray("means"), g.means());
            array(e.putArray("variances"), g.variances());
        } else {
            Ar1GaussianEmission a = (Ar1GaussianEmission) emission;
            array(e.putArray("intercepts"), a.intercepts());
            array(e.putArray("coefficients"), a.coefficients());
            array(e.putArray("variances"), a.variances());
        }
        return root;
    }

    /** Writes the model to {@code file}. */
    public static void write(HmmModel model, Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(toJson(model)) + System.lineSeparator());
    }

    private static void array(ArrayNode node, double[] values) {
        for (double v : values) {
            node.add(v);
        }
    }

    private static void requireObject(SpecPath path, JsonNode node, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new SpecPathException(path, "expected an object, got " + node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new SpecPathException(path.field(name), "unknown field; expected " + allowed);
            }
        }
    }

    private static JsonNode field(SpecPath path, JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new SpecPathException(path.field(name), "required");
        }
        return v;
    }

    private static double[][] matrix(SpecPath path, JsonNode node) {
        if (!node.isArray()) {
            throw new SpecPathException(path, "expected an array of arrays, got " + node);
        }
        double[][] out = new double[node.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = numbers(path.index(i), node.get(i));
        }
        return out;
    }

    private static double[] numbers(SpecPath path, JsonNode node) {
        if (!node.isArray()) {
            throw new SpecPathException(path, "expected an array of numbers, got " + node);
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                throw new SpecPathException(path.index(i), "expected a number, got " + v);
            }
            out[i] = v.asDouble();
        }
        return out;
    }
}
