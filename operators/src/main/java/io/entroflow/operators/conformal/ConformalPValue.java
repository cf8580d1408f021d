package io.entroflow.operators.conformal;

/**
 * The conformal p-value of one value.
 *
 * @param index       0-based position of the value among all values the calibrator scored
 * @param pValue      in (0, 1]; NaN while warming up
 * @param warmingUp   fewer than N calibration values exist yet (no p-value, no alarm)
 * @param alarm       pValue &le; alpha
 * @param calibration the value became a calibration value after it was scored
 */
public record ConformalPValue(long index, double pValue, boolean warmingUp, boolean alarm, boolean calibration) {
}
