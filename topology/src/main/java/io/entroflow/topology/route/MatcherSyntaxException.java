package io.entroflow.topology.route;

/**
 * Malformed matchers: a one-line message starting with the rune columns of the offending text, as
 * Alertmanager's parser reports it, e.g. {@code 6:7: unexpected }: expected label value}.
 */
public final class MatcherSyntaxException extends IllegalArgumentException {
    private final int columnStart;
    private final int columnEnd;

    MatcherSyntaxException(int columnStart, int columnEnd, String message) {
        super(columnStart + ":" + columnEnd + ": " + message);
        this.columnStart = columnStart;
        this.columnEnd = columnEnd;
    }

    /** 0-based column (in code points) where the offending text starts. */
    public int columnStart() {
        return columnStart;
    }

    /** 0-based column (in code points) where the offending text ends (exclusive). */
    public int columnEnd() {
        return columnEnd;
    }
}
