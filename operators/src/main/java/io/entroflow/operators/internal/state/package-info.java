/**
 * Internal: the state codec behind {@link io.entroflow.operators.state.Checkpointable}.
 * {@link io.entroflow.operators.internal.state.StateWriter} writes raw bits (big-endian, no
 * rounding), {@link io.entroflow.operators.internal.state.StateReader} reads them back and checks
 * tags, versions, lengths and the end. Not API: no class outside the operators module may use it.
 */
package io.entroflow.operators.internal.state;
