package io.entroflow.app.analyze;

/**
 * A column turned into symbols.
 *
 * @param symbols      the symbols, 0..alphabetSize&minus;1
 * @param rows         the row index (0-based) each symbol came from; a stateful symboliser
 *                     (ordinal patterns) emits nothing for the first rows
 * @param alphabetSize number of possible symbols
 * @param labels       for categorical columns the value of each symbol, else null
 */
public record SymbolColumn(int[] symbols, int[] rows, int alphabetSize, String[] labels) {

    /** Number of symbols. */
    public int size() {
        return symbols.length;
    }
}
