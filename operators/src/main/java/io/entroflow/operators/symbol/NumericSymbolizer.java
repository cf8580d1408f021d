package io.entroflow.operators.symbol;

/**
 * Turns numbers into symbols 0..{@link #alphabetSize()}&minus;1. Implementations reject NaN and
 * infinities with {@link io.entroflow.operators.RejectedEventException} (reason
 * {@code not_finite}) and never count them. Stateful symbolisers return {@link #NO_SYMBOL} while
 * they have too little history to emit one.
 *
 * <p>Single-writer, not thread-safe.
 */
public interface NumericSymbolizer {
    /** Returned while a stateful symboliser cannot emit a symbol yet. */
    int NO_SYMBOL = -1;

    /** The symbol for {@code value}, or {@link #NO_SYMBOL}. */
    int symbolize(double value);

    /** Number of distinct symbols this symboliser can emit. */
    int alphabetSize();
}
