/**
 * entroflow operators: incremental information-theoretic estimators over event windows.
 *
 * <p>Plain Java with no framework dependency. Packages by concept: {@code window} (which events
 * count, with what weight), {@code histogram} (weighted counts with running sums),
 * {@code entropy} (the entropy family and divergences), {@code symbol} (values to symbols),
 * {@code concurrent} (lock-free snapshots for readers on other threads).
 *
 * <p>Every operator is single-writer: one thread calls {@code update}; any thread may call
 * {@code snapshot()} at any time without locks and without blocking the writer.
 */
package io.entroflow.operators;
