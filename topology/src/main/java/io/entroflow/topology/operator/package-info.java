/**
 * The operator registry: how a spec operator {@code type} becomes a running operator.
 *
 * <p>{@link io.entroflow.topology.operator.StreamingOperator} is the one contract the topology knows;
 * {@link io.entroflow.topology.operator.OperatorFactory} builds one from an
 * {@link io.entroflow.topology.operator.OperatorContext}; {@link io.entroflow.topology.operator.StandardOperators}
 * holds the registration lines. Adding an operator = one factory class and one line in
 * {@code StandardOperators.registerAll}; no topology code changes.
 */
package io.entroflow.topology.operator;
