package io.entroflow.topology.measure;

/** Where a measure parameter is given: a monitor spec's {@code params}, or an {@code analyze} option. */
public enum Surface {
    /** {@code operators[i].params.NAME} of a monitor spec. */
    SPEC,
    /** {@code --NAME} of {@code entroflow analyze}. */
    ANALYZE
}
