package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the values at a fixed set of JSON pointers from a JSON object in one streaming pass (a flat
 * object of plain ASCII values, the common event, without a parser: {@link #readFlat}): the
 * object's top-level properties are walked once, a property no pointer starts with is skipped
 * without building anything, a scalar at a one-segment pointer becomes its node directly, and only
 * a property that a longer pointer goes through is read as a tree (and the rest of the pointer
 * resolved in it). The result is the same as {@code mapper.readTree(bytes).at(pointer)} for each
 * pointer: the same nodes, the same last-one-wins for duplicate properties, the same parse errors
 * (the whole document is still tokenised), except that content after the document is an error
 * (a record value holds one JSON document; {@code readTree} would ignore the rest).
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
    /** The first property of each pointer as UTF-8, and its pointers' indices: {@link #readFlat}'s lookup by bytes. */
    private final byte[][] names;
    private final int[][] idsByName;
    private final boolean wholeDocument;
    /** Whether the mapper reads a JSON float as a {@link DoubleNode} (its default), which the fast path then builds too. */
    private final boolean floatsAsDoubles;

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
        this.names = new byte[byProperty.size()][];
        this.idsByName = new int[byProperty.size()][];
        int k = 0;
        for (Map.Entry<String, int[]> e : byProperty.entrySet()) {
            names[k] = e.getKey().getBytes(StandardCharsets.UTF_8);
            idsByName[k++] = e.getValue();
        }
        this.wholeDocument = root;
        this.floatsAsDoubles = !mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                && mapper.getNodeFactory().getClass() == JsonNodeFactory.class;
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
        if (!wholeDocument && readFlat(json, out)) {
            return out;
        }
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
            requireEnd(p);
        }
        return out;
    }

    /**
     * Nothing but whitespace may follow the document: a record value holding several JSON documents
     * (e.g. a file sent as one message) is refused whole, not read as its first.
     */
    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the JSON document at byte "
                    + p.currentTokenLocation().getByteOffset() + " (one record value must hold one JSON document)");
        }
    }

    /**
     * The pointer indices of the property whose name is the ASCII bytes {@code json[from, to)}, or
     * null: compared with each pointer's first property (a spec names a few), no String built.
     */
    private int[] idsOf(byte[] json, int from, int to) {
        int length = to - from;
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k];
            if (name.length == length && Arrays.equals(name, 0, length, json, from, to)) {
                return idsByName[k];
            }
        }
        return null;
    }

    /**
     * The fast path for the common document: one flat object of ASCII text, whose properties are
     * plain names with strings (printable ASCII, no escapes), integers of at most 18 digits, numbers
     * with a fraction or exponent of at most {@value #MAX_FLAT_NUMBER} characters, {@code true},
     * {@code false} or {@code null}, separated by JSON whitespace. Reads it without a parser, into the
     * same nodes the parser gives (an integer in int range an {@link IntNode}, else a {@link LongNode};
     * a fraction or exponent a {@link DoubleNode} of {@link Double#parseDouble}, as Jackson's tree
     * unless the mapper reads floats as big decimals, when they go to the parser); anything else
     * (escapes, non-ASCII bytes, non-numeric numbers, nested values, bad syntax) returns false at once, and the parser reads
     * the document from the start, so errors and every other case are the parser's. Bytes after the
     * closing brace other than whitespace send the document to the parser, which refuses them. O(document length), allocating the
     * nodes returned.
     */
    private boolean readFlat(byte[] json, JsonNode[] out) {
        int n = json.length;
        int p = skipSpace(json, 0);
        if (p >= n || json[p] != '{') {
            return false;
        }
        p = skipSpace(json, p + 1);
        if (p < n && json[p] == '}') {
            return skipSpace(json, p + 1) == n;
        }
        while (true) {
            int nameEnd = stringEnd(json, p, MAX_FLAT_NAME);
            if (nameEnd < 0) {
                return false;
            }
            int[] ids = idsOf(json, p + 1, nameEnd);
            p = skipSpace(json, nameEnd + 1);
            if (p >= n || json[p] != ':') {
                return false;
            }
            p = skipSpace(json, p + 1);
            if (p >= n) {
                return false;
            }
            int end;
            JsonNode v;
            byte c = json[p];
            if (c == '"') {
                end = stringEnd(json, p, MAX_FLAT_STRING);
                if (end < 0) {
                    return false;
                }
                v = ids == null ? null : TextNode.valueOf(new String(json, p + 1, end - p - 1, StandardCharsets.ISO_8859_1));
                end++;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int digits = p + (c == '-' ? 1 : 0);
                end = digits;
                long value = 0;
                while (end < n && json[end] >= '0' && json[end] <= '9') {
                    value = value * 10 + (json[end++] - '0');
                }
                int count = end - digits;
                if (count == 0 || (count > 1 && json[digits] == '0')) {
                    return false;
                }
                if (end < n && (json[end] == '.' || json[end] == 'e' || json[end] == 'E')) {
                    end = fractionEnd(json, end);
                    if (end < 0 || !floatsAsDoubles || end - p > MAX_FLAT_NUMBER) {
                        return false;
                    }
                    // the parser's value: Jackson reads a JSON float with the correctly rounded Double.parseDouble
                    v = ids == null ? null : DoubleNode.valueOf(Double.parseDouble(
                            new String(json, p, end - p, StandardCharsets.ISO_8859_1)));
                } else {
                    if (count > 18) {
                        return false;
                    }
                    if (c == '-') {
                        value = -value;
                    }
                    v = ids == null ? null : value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
                }
            } else if (literal(json, p, "true")) {
                end = p + 4;
                v = BooleanNode.TRUE;
            } else if (literal(json, p, "false")) {
                end = p + 5;
                v = BooleanNode.FALSE;
            } else if (literal(json, p, "null")) {
                end = p + 4;
                v = NullNode.getInstance();
            } else {
                return false;
            }
            p = skipSpace(json, end);
            if (p >= n || (json[p] != ',' && json[p] != '}')) {
                return false; // a value ends at whitespace, a comma or the brace (no "12a", "1.5", "truex")
            }
            if (ids != null) {
                for (int i : ids) {
                    JsonPointer rest = pointers[i].tail();
                    out[i] = rest.matches() ? v : v.at(rest);
                }
            }
            if (json[p] == '}') {
                return skipSpace(json, p + 1) == n; // anything after the object: the parser's path reports it
            }
            p = skipSpace(json, p + 1);
        }
    }

    /** Longest property name, string value and fractional number the fast path reads (longer ones go to the parser and its limits). */
    private static final int MAX_FLAT_NAME = 1_000;
    private static final int MAX_FLAT_STRING = 100_000;
    private static final int MAX_FLAT_NUMBER = 64;

    /**
     * The end of a JSON number's fraction and exponent starting at {@code p} (at a '.', 'e' or 'E' after its
     * integer digits): {@code (. digit+)? ([eE] [+-]? digit+)?}, or -1 when they do not follow that grammar.
     */
    private static int fractionEnd(byte[] json, int p) {
        int n = json.length;
        if (json[p] == '.') {
            int from = ++p;
            while (p < n && json[p] >= '0' && json[p] <= '9') {
                p++;
            }
            if (p == from) {
                return -1;
            }
        }
        if (p < n && (json[p] == 'e' || json[p] == 'E')) {
            p++;
            if (p < n && (json[p] == '+' || json[p] == '-')) {
                p++;
            }
            int from = p;
            while (p < n && json[p] >= '0' && json[p] <= '9') {
                p++;
            }
            if (p == from) {
                return -1;
            }
        }
        return p;
    }

    /** The index of the closing quote of the plain string starting at {@code p}, or -1 when it is not one. */
    private static int stringEnd(byte[] json, int p, int maxLength) {
        if (p >= json.length || json[p] != '"') {
            return -1;
        }
        int limit = Math.min(json.length, p + 2 + maxLength);
        for (int q = p + 1; q < limit; q++) {
            byte b = json[q];
            if (b == '"') {
                return q;
            }
            if (b < 0x20 || b >= 0x7F || b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean literal(byte[] json, int p, String word) {
        if (p + word.length() > json.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (json[p + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static int skipSpace(byte[] json, int p) {
        while (p < json.length && isSpace(json[p])) {
            p++;
        }
        return p;
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
        JsonNode root;
        try (JsonParser p = mapper.createParser(json)) {
            root = mapper.readTree(p);
            requireEnd(p);
        }
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
