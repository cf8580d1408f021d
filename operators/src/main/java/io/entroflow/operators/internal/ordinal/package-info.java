/**
 * Internal: the one ordinal-pattern encoder
 * ({@link io.entroflow.operators.internal.ordinal.OrdinalPatternEncoder}, O(d) per value, with its
 * exact state), run by {@link io.entroflow.operators.symbol.OrdinalPatterns} and the ordinal
 * operators. Not API: no class outside the operators module may use it.
 */
package io.entroflow.operators.internal.ordinal;
