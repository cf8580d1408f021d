/**
 * The one mechanism by which other threads read operator state: {@link io.entroflow.operators.internal.concurrent.SeqLock}.
 */
package io.entroflow.operators.internal.concurrent;
