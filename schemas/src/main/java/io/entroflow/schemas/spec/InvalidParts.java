package io.entroflow.schemas.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of a spec tree its schema errors lie in (see {@link SchemaCheckedSpec}): an entry of
 * {@code signals}, {@code operators} or {@code rules} for an error inside it, else the top-level field.
 * An error about the document itself (an unknown top-level field) lies in no part; a missing required
 * top-level field is its own part. Single-threaded; one per read.
 */
final class InvalidParts {
    /** The top-level arrays whose entries are parts of their own. */
    private static final Set<String> ENTRY_ARRAYS = Set.of("signals", "operators", "rules");

    private final ObjectNode tree;
    private final Set<SpecPath> paths = new LinkedHashSet<>();
    private final Set<String> unnamed = new LinkedHashSet<>();

    private InvalidParts(ObjectNode tree) {
        this.tree = tree;
    }

    /** The parts the errors {@code found} in {@code tree} lie in. */
    static InvalidParts of(List<Error> found, ObjectNode tree) {
        InvalidParts parts = new InvalidParts(tree);
        for (Error e : found) {
            parts.add(e);
        }
        return parts;
    }

    private void add(Error e) {
        NodePath at = e.getInstanceLocation();
        if (at == null || at.getNameCount() == 0) {
            if ("required".equals(e.getKeyword()) && e.getProperty() != null) {
                topLevel(e.getProperty());
            }
            return;
        }
        String field = String.valueOf(at.getElement(0));
        if (ENTRY_ARRAYS.contains(field) && at.getNameCount() >= 2 && at.getElement(1) instanceof Integer index) {
            paths.add(SpecPath.of(field).index(index));
            if (!tree.path(field).path(index).path("name").isTextual()) {
                unnamed.add(field);
            }
        } else {
            topLevel(field);
        }
    }

    private void topLevel(String field) {
        paths.add(SpecPath.of(field));
        if (ENTRY_ARRAYS.contains(field)) {
            unnamed.add(field);
        }
    }

    /** The parts, in the order of the errors. */
    Set<SpecPath> paths() {
        return paths;
    }

    /** The arrays with an invalid entry without a readable name, or invalid as a whole. */
    Set<String> unnamed() {
        return unnamed;
    }

    /**
     * A copy of the tree that binds: each invalid entry reduced to its name (when a string), each
     * invalid top-level field removed (its defaults apply), but {@code input}, which the spec needs,
     * emptied (each of its fields has a default).
     */
    ObjectNode reduce() {
        ObjectNode copy = tree.deepCopy();
        for (SpecPath part : paths) {
            String field = part.segment(0).toString();
            if (part.size() == 1 && field.equals("input")) {
                copy.putObject(field);
            } else if (part.size() == 1) {
                copy.remove(field);
            } else if (copy.get(field) instanceof ArrayNode entries) {
                JsonNode name = entries.path((Integer) part.segment(1)).path("name");
                ObjectNode reduced = copy.objectNode();
                if (name.isTextual()) {
                    reduced.set("name", name);
                }
                entries.set((Integer) part.segment(1), reduced);
            }
        }
        return copy;
    }
}
