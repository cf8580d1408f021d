/**
 * Internal: the events a {@link io.entroflow.operators.window.Window} currently counts.
 * {@link io.entroflow.operators.internal.window.EventWindow#offer} admits an event and tells a
 * {@link io.entroflow.operators.internal.window.WindowListener} what entered and left;
 * {@link io.entroflow.operators.internal.window.CountWindow#slide} is the listener-free fast path of
 * count windows. Not API: no class outside the operators module may use it.
 */
package io.entroflow.operators.internal.window;
