/**
 * Windows shared by every operator: sliding count, sliding event time with lateness,
 * exponential decay (in events or event time) and cumulative. {@link io.entroflow.operators.window.Window}
 * is the specification; {@link io.entroflow.operators.internal.window.EventWindow} admits events and tells a
 * {@link io.entroflow.operators.internal.window.WindowListener} what entered and left.
 */
package io.entroflow.operators.window;
