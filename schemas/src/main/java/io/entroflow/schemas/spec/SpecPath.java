package io.entroflow.schemas.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a value sits in a document, as data: a list of segments, each a field name or an array
 * index, rendered once as {@code operators[2].params.alpha}. Immutable.
 *
 * <p>Code that knows where it is builds the path ({@code SpecPath.of("operators").index(2).field("params")})
 * and throws a {@link SpecPathException} with it; nobody recovers a path by reading a message.
 * A path may start from a named root, e.g. {@code $} for a file of its own ({@code $.emission.means[1]}).
 */
public final class SpecPath {
    private static final SpecPath EMPTY = new SpecPath(List.of());

    private final List<Object> segments; // String field names and Integer indices

    private SpecPath(List<Object> segments) {
        this.segments = segments;
    }

    /** A path starting at field {@code name} (or a named root such as {@code $}). */
    public static SpecPath of(String name) {
        return EMPTY.field(name);
    }

    /** This path followed by field {@code name}. */
    public SpecPath field(String name) {
        return append(name);
    }

    /** This path followed by array index {@code i}. */
    public SpecPath index(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("index: must be >= 0, got " + i);
        }
        return append(i);
    }

    private SpecPath append(Object segment) {
        List<Object> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(segment);
        return new SpecPath(Collections.unmodifiableList(s));
    }

    /** The number of segments. */
    public int size() {
        return segments.size();
    }

    /** Segment {@code i}: a field name (String) or an array index (Integer). */
    public Object segment(int i) {
        return segments.get(i);
    }

    /** {@code operators[2].params.alpha}; the empty path is {@code (document)}. */
    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return "(document)";
        }
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                b.append(b.length() == 0 ? "" : ".").append(s);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }
}
