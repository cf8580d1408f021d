/**
 * Values to symbols: {@link io.entroflow.operators.symbol.SymbolTable} for categorical values
 * with a capped alphabet, and numeric symbolisers: fixed-width bins, equal-frequency bins from
 * online quantiles, ordinal patterns.
 */
package io.entroflow.operators.symbol;
