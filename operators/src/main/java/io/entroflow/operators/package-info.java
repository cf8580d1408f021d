/**
 * entroflow operators: incremental information-theoretic estimators over event windows.
 *
 * <p>Plain Java with no framework dependency. Packages by concept: {@code window} (which events
 * count, with what weight), {@code histogram} (weighted counts with exact running sums),
 * {@code entropy} (the entropy family and divergences), {@code joint} (joint codes and count
 * tables shared by the multi-stream measures), {@code transfer} (mutual information, transfer
 * entropy), {@code markov} (entropy rate, active information storage, Markov-chain statistics),
 * {@code significance} (analytic and surrogate p-values), {@code hmm} (hidden Markov model
 * filter and learning), {@code symbol} (values to symbols), {@code signal} (seeded reference
 * signal generators), {@code concurrent} (lock-free snapshots for readers on other threads).
 *
 * <p>Every operator is single-writer: one thread calls {@code update}; any thread may call
 * {@code snapshot()} at any time without locks and without blocking the writer.
 */
package io.entroflow.operators;
