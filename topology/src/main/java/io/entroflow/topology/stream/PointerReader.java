package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values at a fixed set of JSON pointers from a JSON object in one streaming pass: the
 * object's top-level properties are walked once, a property no pointer starts with is skipped
 * without building anything, a scalar at a one-segment pointer becomes its node directly, and only
 * a property that a longer pointer goes through is read as a tree (and the rest of the pointer
 * resolved in it). The result is the same as {@code mapper.readTree(bytes).at(pointer)} for each
 * pointer: the same nodes, the same last-one-wins for duplicate properties, the same parse errors
 * (the whole document is still tokenised), trailing content after the object ignored.
 *
 * <p>O(document length) per call, allocating only the nodes it returns. Immutable after
 * construction and thread-safe.
 */
final class PointerReader {
    /** Index of the key pointer in the pointer array the event parser builds. */
    static final int KEY = 0;
    /** Index of the time pointer. */
    static final int TIME = 1;
    /** Index of the first signal's pointer; signal i is at {@code FIRST_SIGNAL + i}. */
    static final int FIRST_SIGNAL = 2;

    private final ObjectMapper mapper;
    private final JsonPointer[] pointers;
    private final Map<String, int[]> byProperty = new HashMap<>();
    private final boolean wholeDocument;

    /**
     * @param mapper   the mapper whose parser settings apply (and that builds the tree nodes)
     * @param pointers the pointers to read; null entries are ignored (their result stays missing)
     */
    PointerReader(ObjectMapper mapper, JsonPointer[] pointers) {
        this.mapper = mapper;
        this.pointers = pointers.clone();
        Map<String, List<Integer>> groups = new HashMap<>();
        boolean root = false;
        for (int i = 0; i < pointers.length; i++) {
            if (pointers[i] == null) {
                continue;
            }
            if (pointers[i].matches()) {
                root = true;
            } else {
                groups.computeIfAbsent(pointers[i].getMatchingProperty(), k -> new ArrayList<>()).add(i);
            }
        }
        groups.forEach((k, v) -> byProperty.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        this.wholeDocument = root;
    }

    /**
     * The node at each pointer ({@link MissingNode} where there is none, and for null pointers), or
     * null when the document is not a JSON object.
     *
     * @throws IOException when the document is not valid JSON
     */
    JsonNode[] read(byte[] json) throws IOException {
        JsonNode[] out = new JsonNode[pointers.length];
        Arrays.fill(out, MissingNode.getInstance());
        try (JsonParser p = mapper.createParser(json)) {
            if (wholeDocument || p.nextToken() != JsonToken.START_OBJECT) {
                return fromTree(json, out);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                int[] ids = byProperty.get(p.currentName());
                p.nextToken();
                if (ids == null) {
                    p.skipChildren();
                    continue;
                }
                JsonNode v = value(p);
                for (int i : ids) {
                    JsonPointer rest = pointers[i].tail();
                    out[i] = rest.matches() ? v : v.at(rest);
                }
            }
        }
        return out;
    }

    private JsonNode value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                JsonParser.NumberType type = p.getNumberType();
                if (type == JsonParser.NumberType.INT) {
                    return IntNode.valueOf(p.getIntValue());
                }
                if (type == JsonParser.NumberType.LONG) {
                    return LongNode.valueOf(p.getLongValue());
                }
                break;
            case VALUE_NULL:
                return NullNode.getInstance();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return BooleanNode.valueOf(p.getBooleanValue());
            default:
                break;
        }
        JsonNode tree = mapper.readTree(p);
        return tree == null ? MissingNode.getInstance() : tree;
    }

    /** Not an object at the top (or a pointer to the whole document): the tree path, for identical results. */
    private JsonNode[] fromTree(byte[] json, JsonNode[] out) throws IOException {
        JsonNode root = mapper.readTree(json);
        if (root == null || !root.isObject()) {
            return null;
        }
        for (int i = 0; i < pointers.length; i++) {
            if (pointers[i] != null) {
                out[i] = root.at(pointers[i]);
            }
        }
        return out;
    }
}
