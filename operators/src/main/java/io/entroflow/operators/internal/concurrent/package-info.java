/**
 * Internal: the one mechanism by which other threads read operator state,
 * {@link io.entroflow.operators.internal.concurrent.SeqLock} (every operator's {@code snapshot()}
 * goes through one). Not API: no class outside the operators module may use it.
 */
package io.entroflow.operators.internal.concurrent;
