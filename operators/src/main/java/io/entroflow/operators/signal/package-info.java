/**
 * Reference signal generators with known information structure, for tests, benchmarks and
 * demos: seeded and deterministic ({@link io.entroflow.operators.signal.SignalGenerator}).
 * Symbols: i.i.d. categorical, stationary Markov chain, coupled pair with known transfer entropy.
 * Numbers: logistic and H&eacute;non maps, Lorenz and R&ouml;ssler flows (RK4), sums of sines,
 * white, pink and brown noise, AR(1). Hidden Markov model sequences with their true state labels:
 * {@link io.entroflow.operators.signal.HmmSampler}.
 */
package io.entroflow.operators.signal;
