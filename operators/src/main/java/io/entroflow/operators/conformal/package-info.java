/**
 * Alerts with a known error rate. {@link io.entroflow.operators.conformal.ConformalCalibrator}
 * turns one key's stream of values (an operator's aggregates) into conformal p-values against the
 * key's own recent calibration values, exact under exchangeability; the online FDR rules
 * {@link io.entroflow.operators.conformal.LordPlusPlus} and
 * {@link io.entroflow.operators.conformal.Saffron} decide which p-values, across many keys, are
 * discoveries with the false discovery rate held at q, and
 * {@link io.entroflow.operators.conformal.DecayingMemoryLord} does so with decaying memory and a level
 * floor for streams that never end. All state is exact
 * ({@link io.entroflow.operators.state.Checkpointable}) and every random choice is a function of a
 * seed and a counter, so a replay after a restore decides identically. {@code docs/alerts.md} has
 * the formulas and the measured validity.
 */
package io.entroflow.operators.conformal;
