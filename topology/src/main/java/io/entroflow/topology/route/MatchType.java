package io.entroflow.topology.route;

/** The four Alertmanager match operators. */
public enum MatchType {
    /** {@code =}: the label's value equals the text. */
    EQUAL("="),
    /** {@code !=}: the label's value differs from the text. */
    NOT_EQUAL("!="),
    /** {@code =~}: the label's value matches the fully anchored regular expression. */
    REGEX("=~"),
    /** {@code !~}: the label's value does not match the fully anchored regular expression. */
    NOT_REGEX("!~");

    private final String operator;

    MatchType(String operator) {
        this.operator = operator;
    }

    /** The operator as written: {@code =}, {@code !=}, {@code =~}, {@code !~}. */
    public String operator() {
        return operator;
    }

    @Override
    public String toString() {
        return operator;
    }
}
