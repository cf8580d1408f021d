package io.entroflow.topology.operator;

/**
 * Builds a {@link StreamingOperator} for a spec operator. Called once at start-up to validate the
 * spec (so bad parameters are reported with the other spec errors) and then once per key.
 */
@FunctionalInterface
public interface OperatorFactory {
    /**
     * A fresh operator.
     *
     * @throws IllegalArgumentException for bad parameters or signals, naming the parameter and value
     */
    StreamingOperator create(OperatorContext context);
}
