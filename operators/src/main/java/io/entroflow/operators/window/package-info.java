/**
 * Windows shared by every operator: sliding count, sliding event time with lateness, exponential
 * decay (in events or event time) and cumulative. {@link io.entroflow.operators.window.Window} is
 * the immutable specification an operator's configuration holds; the operators keep the window's
 * events themselves (O(1) amortised per event, see each operator's cost note).
 */
package io.entroflow.operators.window;
