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
     * @throws io.entroflow.schemas.spec.SpecPathException for bad parameters or signals, with the path of the
     *         value (another {@code IllegalArgumentException} is reported under the operator's path)
     */
    StreamingOperator create(OperatorContext context);

    /**
     * Whether the operator's results carry a p-value ({@link OperatorResult#pValue}), which
     * {@code significance} rules read; a rule of that kind on any other operator is refused.
     */
    default boolean reportsPValue() {
        return false;
    }

    /**
     * Whether the operator's results carry a regime ({@link OperatorResult#regime}), which
     * {@code regime-change} rules read; a rule of that kind on any other operator is refused.
     */
    default boolean reportsRegime() {
        return false;
    }
}
