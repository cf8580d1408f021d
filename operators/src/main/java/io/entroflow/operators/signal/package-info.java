/**
 * Seeded signal generators for tests, demos and benchmarks, e.g.
 * {@link io.entroflow.operators.signal.HmmSampler} (hidden Markov model sequences with their true
 * state labels).
 */
package io.entroflow.operators.signal;
