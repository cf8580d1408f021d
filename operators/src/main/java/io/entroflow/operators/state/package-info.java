/**
 * Exact state export for operators whose window cannot be rebuilt from a bounded record of recent
 * events (decay and cumulative windows, the recursive HMM filter):
 * {@link io.entroflow.operators.internal.state.StateWriter} writes raw bits,
 * {@link io.entroflow.operators.internal.state.StateReader} reads them back, so a restored operator
 * continues bit-identically to one never interrupted. No framework types.
 */
package io.entroflow.operators.state;
