package io.entroflow.topology.stream;

/**
 * An on-demand request for aggregates, read from the requests topic ({@code aggregates.requests}).
 *
 * @param key      the event key whose aggregates are wanted, or null for every key of the task
 * @param operator the operator whose aggregates are wanted, or null for every operator
 */
record AggregateRequest(String key, String operator) implements OperatorInput {
}
