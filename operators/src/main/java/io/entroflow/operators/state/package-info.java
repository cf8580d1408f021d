/**
 * Exact checkpoints for operators whose window cannot be rebuilt from a bounded record of recent
 * events (decay and cumulative windows, the recursive HMM filter):
 * {@link io.entroflow.operators.state.Checkpointable#checkpoint()} returns the exact state as
 * bytes and {@link io.entroflow.operators.state.Checkpointable#restore(byte[])} reads it back, so a
 * restored operator continues bit-identically to one never interrupted. The byte format is private
 * to each operator (tagged and versioned); no framework types.
 */
package io.entroflow.operators.state;
