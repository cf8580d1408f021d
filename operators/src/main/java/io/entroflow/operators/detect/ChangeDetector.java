package io.entroflow.operators.detect;

import io.entroflow.operators.state.Checkpointable;

/**
 * A sequential change-point detector on one key's stream of values (an operator's aggregates):
 * {@link #update} consumes a value and says whether it raised an alarm. After an alarm the
 * detector restarts by itself (its statistic returns to the start and an estimated
 * {@link Baseline} is collected again from the next values), so a persistent change raises one
 * alarm, then another only once the new level has become the baseline and changed again.
 *
 * <p>The false-alarm rate is stated as ARL0, the mean number of values to a false alarm on an
 * unchanged stream, and the speed as the detection delay after a shift (docs/alerts.md has both,
 * measured). {@link ArlApproximations} picks thresholds for a target ARL0.
 *
 * <p>Exact state: {@link #checkpoint} then {@link #restore} into a fresh detector of the same
 * configuration continues bit-identically on the same JVM build (Shiryaev-Roberts and the Bayesian
 * detector use {@code Math.exp}/{@code Math.log}, whose intrinsics give the same bits in the
 * interpreter and compiled code, as the HMM filter does; constants computed once use
 * {@link StrictMath}). Single writer, not thread-safe: the alert engine owns one per rule and key.
 */
public sealed interface ChangeDetector extends Checkpointable
        permits CusumDetector, PageHinkleyDetector, ShiryaevRobertsDetector, BayesianChangePointDetector {

    /**
     * Consumes one value. O(1) (Bayesian: O(cap)).
     *
     * @return true when this value raised an alarm (the detector has restarted)
     * @throws io.entroflow.operators.RejectedEventException (not_finite) for NaN or an infinity; nothing changes
     */
    boolean update(double value);

    /** The alarm statistic after the last value (before the restart if it alarmed); NaN while warming up. */
    double statistic();

    /** The statistic's alarm threshold. */
    double threshold();

    /** True while no alarm is possible (baseline being collected, or the Bayesian detector's first window). */
    boolean warmingUp();

    /** Values consumed. */
    long values();

    /** Alarms raised. */
    long alarms();

    /** Restarts as after an alarm (e.g. when the alert is resolved by hand). */
    void restart();
}
