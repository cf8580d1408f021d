package io.entroflow.schemas.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a monitor spec (YAML or JSON), validates it against {@code schemas/monitor-spec.schema.json}
 * and binds it to {@link MonitorSpec}. An invalid spec throws {@link SpecValidationException} with
 * every error by path, not only the first; {@link #read} keeps them with the spec bound as far as it
 * validates, for the planner to add its own.
 *
 * <p>Thread-safe: the compiled schema is immutable and shared.
 */
public final class MonitorSpecLoader {
    /** Class-path location of the spec schema. */
    public static final String SCHEMA_RESOURCE = "/schemas/monitor-spec.schema.json";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Schema SCHEMA = loadSchema();

    private MonitorSpecLoader() {
    }

    /** Loads and validates the spec in {@code file}. */
    public static MonitorSpec load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("--config: cannot read '" + file + "': " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /**
     * Parses, validates and binds {@code text} (YAML, of which JSON is a subset).
     *
     * @param source a name for messages, e.g. the file name
     * @throws SpecValidationException listing every schema error by path
     */
    public static MonitorSpec parse(String source, String text) {
        SchemaCheckedSpec checked = read(source, text);
        if (!checked.errors().isEmpty()) {
            throw new SpecValidationException(source, checked.errors());
        }
        return checked.spec();
    }

    /**
     * Parses and validates {@code text}, binding what validates (see {@link SchemaCheckedSpec}), so that
     * the schema errors and the planner's can be reported together.
     *
     * @param source a name for messages, e.g. the file name
     * @throws SpecValidationException when the text is not YAML or is empty: there is nothing to check
     */
    public static SchemaCheckedSpec read(String source, String text) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (IOException e) {
            throw new SpecValidationException(source, List.of("(document): not valid YAML: " + yamlProblem(e)));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new SpecValidationException(source, List.of("(document): empty"));
        }
        List<Error> found = SCHEMA.validate(tree.toString(), InputFormat.JSON);
        List<String> errors = new ArrayList<>(found.size());
        for (Error e : found) {
            errors.add(describe(e));
        }
        if (!tree.isObject()) {
            return new SchemaCheckedSpec(null, errors, Set.of(), Set.of());
        }
        InvalidParts parts = InvalidParts.of(found, (ObjectNode) tree);
        try {
            return new SchemaCheckedSpec(JSON.treeToValue(parts.reduce(), MonitorSpec.class), errors,
                    parts.paths(), parts.unnamed());
        } catch (IOException e) {
            errors.add("(document): " + firstLine(e.getMessage()));
            return new SchemaCheckedSpec(null, errors, Set.of(), Set.of());
        }
    }

    /** Schema errors of {@code tree}, each {@code path: message}; empty when valid. */
    public static List<String> validate(JsonNode tree) {
        List<Error> found = SCHEMA.validate(tree.toString(), InputFormat.JSON);
        List<String> out = new ArrayList<>(found.size());
        for (Error e : found) {
            out.add(describe(e));
        }
        return out;
    }

    static String describe(Error e) {
        String path = dotted(e.getInstanceLocation().toString());
        Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        Object arg0 = args.length > 0 ? args[0] : "";
        String instance = e.getInstanceNode() == null ? "" : ", got " + e.getInstanceNode();
        switch (keyword) {
            case "exclusiveMinimum": return path + ": must be > " + arg0 + instance;
            case "minimum": return path + ": must be >= " + arg0 + instance;
            case "exclusiveMaximum": return path + ": must be < " + arg0 + instance;
            case "maximum": return path + ": must be <= " + arg0 + instance;
            case "required": return path + ": missing required field '" + e.getProperty() + "'";
            case "additionalProperties": return path + ": unknown field '" + e.getProperty() + "'";
            case "enum": return path + ": must be one of " + enumValues(e) + instance;
            case "type": return path + ": must be " + typePhrase(String.valueOf(e.getSchemaNode())) + instance;
            case "pattern": return path + ": " + PatternPhrases.expected(String.valueOf(arg0)) + instance;
            default:
                String msg = e.getMessage();
                int colon = msg.indexOf(": ");
                return path + ": " + (colon >= 0 && msg.startsWith("$") ? msg.substring(colon + 2) : msg);
        }
    }

    /** {@code /operators/2/window/count} (or {@code $.operators[2]...}) as {@code operators[2].window.count}. */
    static String dotted(String location) {
        String p = location.startsWith("$") ? location.substring(1) : location;
        if (p.startsWith("/")) {
            StringBuilder b = new StringBuilder();
            for (String part : p.substring(1).split("/", -1)) {
                String name = part.replace("~1", "/").replace("~0", "~");
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    b.append('[').append(name).append(']');
                } else {
                    b.append(b.length() == 0 ? "" : ".").append(name);
                }
            }
            p = b.toString();
        } else if (p.startsWith(".")) {
            p = p.substring(1);
        }
        return p.isEmpty() ? "(document)" : p;
    }

    /** {@code an integer}, {@code a number or a string}: the words of a type error (as the measure catalogue's). */
    static String typePhrase(String schemaType) {
        JsonNode type;
        try {
            type = JSON.readTree(schemaType);
        } catch (IOException e) {
            return "of type " + schemaType;
        }
        List<String> words = new ArrayList<>();
        for (JsonNode t : type.isArray() ? type : List.of(type)) {
            String name = t.asText();
            words.add(switch (name) {
                case "integer", "object", "array" -> "an " + name;
                default -> "a " + name;
            });
        }
        return String.join(" or ", words);
    }

    /** Where and what: {@code line 3, column 1: expected ',' or '}', but got <scalar> (while parsing ... at line 2, column 8)}. */
    static String yamlProblem(IOException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String problem = at(m.getProblemMark()) + ": " + m.getProblem();
            return m.getContext() == null || m.getContextMark() == null ? problem
                    : problem + " (" + m.getContext() + " at " + at(m.getContextMark()) + ")";
        }
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
            return "line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ": "
                    + firstLine(j.getOriginalMessage());
        }
        return firstLine(e.getMessage());
    }

    private static String at(Mark mark) {
        return "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static String enumValues(Error e) {
        return String.valueOf(e.getSchemaNode());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static Schema loadSchema() {
        try (InputStream in = MonitorSpecLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text, InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
