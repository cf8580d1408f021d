package io.entroflow.topology.route;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager matcher: a label name, an operator and a value. A missing label has the value
 * {@code ""} (so {@code key!="x"} matches an alert without a key, and {@code key=""} matches exactly
 * those). Regular expressions are fully anchored, {@code ^(?:value)$}, as in Alertmanager; they are
 * Java regular expressions (RE2 syntax is a subset except {@code (?P<name>...)} named groups, which
 * Java writes {@code (?<name>...)}). Immutable; {@link #matches} is O(|value|) for = and !=, a regex
 * match otherwise.
 */
public final class LabelMatcher {
    private final String name;
    private final MatchType type;
    private final String value;
    private final Pattern pattern;

    /**
     * A matcher.
     *
     * @throws IllegalArgumentException when a regex value does not compile (one line, naming the matcher)
     */
    public LabelMatcher(String name, MatchType type, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.value = Objects.requireNonNull(value, "value");
        if (type == MatchType.REGEX || type == MatchType.NOT_REGEX) {
            try {
                this.pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression in " + name + type + quote(value) + ": "
                        + e.getDescription(), e);
            }
        } else {
            this.pattern = null;
        }
    }

    public String name() {
        return name;
    }

    public MatchType type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** True when {@code labelValue} (null: the label is missing, taken as {@code ""}) satisfies the matcher. */
    public boolean matches(String labelValue) {
        String s = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> s.equals(value);
            case NOT_EQUAL -> !s.equals(value);
            case REGEX -> pattern.matcher(s).matches();
            case NOT_REGEX -> !pattern.matcher(s).matches();
        };
    }

    /** True when the label set's value of {@link #name()} satisfies the matcher. */
    public boolean matches(Map<String, String> labels) {
        return matches(labels.get(name));
    }

    /** Alertmanager's form: {@code name="value"} with the value quoted and escaped (name quoted when it needs it). */
    @Override
    public String toString() {
        return (MatcherParser.needsQuotes(name) ? quote(name) : name) + type + quote(value);
    }

    /** {@code s} in double quotes with backslash, double quote and newline escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && name.equals(m.name) && type == m.type && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }
}
