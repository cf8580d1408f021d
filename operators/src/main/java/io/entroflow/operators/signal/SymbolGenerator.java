package io.entroflow.operators.signal;

import java.util.List;

/** A {@link SignalGenerator} of symbols 0..alphabetSize&minus;1 in one column {@code value}. */
public interface SymbolGenerator extends SignalGenerator {
    /** The next symbol. */
    int nextSymbol();

    /** Number of symbols. */
    int alphabetSize();

    @Override
    default List<String> columns() {
        return List.of("value");
    }

    @Override
    default void next(double[] row) {
        row[0] = nextSymbol();
    }

    /** The next {@code count} symbols. */
    default int[] symbols(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, got " + count);
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = nextSymbol();
        }
        return out;
    }
}
