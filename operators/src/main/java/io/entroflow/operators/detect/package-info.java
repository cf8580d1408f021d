/**
 * Sequential change-point detectors on one key's stream of values (an operator's aggregates):
 * {@link io.entroflow.operators.detect.CusumDetector},
 * {@link io.entroflow.operators.detect.PageHinkleyDetector},
 * {@link io.entroflow.operators.detect.ShiryaevRobertsDetector} and
 * {@link io.entroflow.operators.detect.BayesianChangePointDetector}, behind one
 * {@link io.entroflow.operators.detect.ChangeDetector} contract: {@code update(value)} says whether
 * the value raised an alarm, the detector then restarts by itself. Values are standardised by a
 * {@link io.entroflow.operators.detect.Baseline} (estimated and frozen, or known);
 * {@link io.entroflow.operators.detect.ArlApproximations} picks thresholds for a target ARL0
 * (mean values to a false alarm). Every detector is exactly checkpointable. {@code docs/alerts.md}
 * has the formulas and the measured ARL0 and detection delays.
 */
package io.entroflow.operators.detect;
