package io.entroflow.topology.route;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A conjunction of Alertmanager matchers, parsed from Alertmanager's UTF-8 matcher syntax
 * ({@code matcher/parse} in Alertmanager 0.27+):
 * <pre>
 * matchers := "{"? [ matcher { "," matcher } [","] ] "}"?      braces optional, but both or neither
 * matcher  := name op value                                     whitespace between tokens ignored
 * op       := "=" | "!=" | "=~" | "!~"
 * name, value := "double-quoted Go string" | unquoted text
 * </pre>
 * Unquoted text is any run of characters other than whitespace and {@code { } ! = ~ , \ " ' `};
 * a quoted string takes Go's escapes ({@code \" \\ \n \t \xFF \u00e9 ...}) and must be valid UTF-8.
 * Examples: {@code {rule=~"kind.*",key!="svc-d"}}, {@code severity=critical}, {@code {"my label"="a b"}}.
 * An empty conjunction ({@code ""} or {@code {}}) matches every label set. Immutable.
 */
public final class LabelMatchers {
    private static final LabelMatchers ALL = new LabelMatchers(List.of());

    private final List<LabelMatcher> matchers;

    public LabelMatchers(List<LabelMatcher> matchers) {
        this.matchers = List.copyOf(matchers);
    }

    /** The empty conjunction: matches everything. */
    public static LabelMatchers all() {
        return ALL;
    }

    /**
     * Parses {@code text} (null or blank: {@link #all()}).
     *
     * @throws MatcherSyntaxException   on malformed syntax, naming the rune columns and the offending text
     * @throws IllegalArgumentException on a regex that does not compile
     */
    public static LabelMatchers parse(String text) {
        return text == null ? ALL : new LabelMatchers(new MatcherParser(text).parse());
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** True when every matcher matches {@code labels} (a missing label counts as {@code ""}). O(matchers). */
    public boolean matches(Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** Alertmanager's form, e.g. {@code {rule=~"kind.*",key!="svc-d"}}; parses back to an equal object. */
    @Override
    public String toString() {
        return matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatchers m && matchers.equals(m.matchers);
    }

    @Override
    public int hashCode() {
        return matchers.hashCode();
    }
}
