/**
 * The one mechanism by which other threads read operator state: {@link io.entroflow.operators.concurrent.SeqLock}.
 */
package io.entroflow.operators.concurrent;
