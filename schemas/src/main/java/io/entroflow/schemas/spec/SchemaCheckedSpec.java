package io.entroflow.schemas.spec;

import java.util.List;
import java.util.Set;

/**
 * A spec read as far as it validates against the JSON Schema, so that the planner can check the rest
 * in the same load: every schema error, the parts of the spec they lie in, and the spec bound with
 * those parts reduced to their names. A part is an entry of {@code signals}, {@code operators} or
 * {@code rules} ({@code signals[1]}), or a top-level field ({@code input}, {@code routing}, or a whole
 * array such as {@code signals}). The planner skips a schema-invalid part, so it neither repeats its
 * errors nor trips over its values, and still resolves references to it by its name.
 *
 * @param spec         the spec with each invalid part reduced to its name (an array entry) or removed (a
 *                     top-level field, so its defaults apply); null when the document is not an object
 * @param errors       the schema errors, each {@code path: message}, in the validator's order
 * @param invalidParts the parts the errors lie in
 * @param unnamedParts the arrays ({@code signals}, {@code operators}, {@code rules}) invalid as a whole or with
 *                     an invalid entry without a readable name: a reference into them that resolves to nothing
 *                     may mean that entry, so it is not reported
 */
public record SchemaCheckedSpec(MonitorSpec spec, List<String> errors, Set<SpecPath> invalidParts,
                                Set<String> unnamedParts) {
    public SchemaCheckedSpec {
        errors = List.copyOf(errors);
        invalidParts = Set.copyOf(invalidParts);
        unnamedParts = Set.copyOf(unnamedParts);
    }

    /** A spec without schema errors (built in code, or already validated). */
    public static SchemaCheckedSpec valid(MonitorSpec spec) {
        return new SchemaCheckedSpec(spec, List.of(), Set.of(), Set.of());
    }

    /** True unless {@code part} (e.g. {@code operators[2]}, {@code input}) is schema-invalid. */
    public boolean valid(SpecPath part) {
        return !invalidParts.contains(part);
    }

    /**
     * True when every entry of array {@code field} ({@code signals}, {@code operators}, {@code rules}) is
     * known by name, so a name that resolves to none of them is an error of the reference.
     */
    public boolean namesKnown(String field) {
        return !unnamedParts.contains(field);
    }
}
