/**
 * Values to symbols: {@link io.entroflow.operators.symbol.SymbolTable} for categorical values
 * with a capped alphabet, and numeric symbolisers: fixed-width bins, equal-frequency bins from
 * online quantiles, ordinal patterns ({@link io.entroflow.operators.symbol.OrdinalPatterns},
 * d &le; 10, the same pattern indices the ordinal operators use).
 */
package io.entroflow.operators.symbol;
