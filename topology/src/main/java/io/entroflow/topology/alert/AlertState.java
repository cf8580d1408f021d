package io.entroflow.topology.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.entroflow.schemas.wire.AlertRecord;

/**
 * The persisted state of one rule for one key (JSON in the alerts store). Mutable; owned by the
 * stream thread of the key's task.
 *
 * <p>Compatibility: fields are only ever added, each absent from older states (read as null or 0)
 * and ignored by older readers, so a state written before a field existed still reads. Conformal
 * and change-point rules keep their calibrator's or detector's exact {@code checkpoint()} bytes in
 * {@link #checkpoint} (base64 in the JSON), so a restarted task continues them bit for bit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class AlertState {
    /** {@code inactive}, {@code pending} or {@code firing}. */
    public String phase = INACTIVE;
    /** Event time the condition became active (pending). */
    public long pendingSince;
    /** Event time FIRING was emitted. */
    public long firingSince;
    /** Last event time the condition was active while firing. */
    public long lastActive;
    /** Previous regime seen (regime-change rules). */
    public Integer previousRegime;
    /** Drift baseline ring: values, next write position and count. */
    public double[] baseline;
    public int baselineNext;
    public int baselineCount;
    /**
     * Conformal and change-point rules: the calibrator's or detector's exact checkpoint
     * ({@code Checkpointable.checkpoint()}); absent before the first aggregate.
     */
    public byte[] checkpoint;
    /**
     * Conformal and change-point rules: the key's last {@link Stride} point (a conformal rule's last
     * calibration candidate, a change-point rule's last detector value), in its events seen (a stride
     * in events) or event time (a stride in time); absent before the first.
     */
    public Long calibrationMark;
    /** Conformal rules: calibration candidates waiting to be admitted, oldest first (exact doubles). */
    public double[] quarantine;
    /** The operator the rule watched when this state was last written (a rule edited to watch another operator is stale). */
    public String operator;
    /** The labels the alert fired with, while firing: a RESOLVED record for a rule gone from the spec uses them. */
    public java.util.Map<String, String> labels;
    /** Conformal rules with fdr: the key's last decided test was a rejection (active until the next decision). */
    public Boolean fdrRejected;
    /** Conformal rules with fdr: the level the task's FDR rule gave the key's last decided test. */
    public Double fdrLevel;
    /** Conformal rules with fdr: this aggregate's p-value when it is a test, for the caller to queue; not persisted. */
    @JsonIgnore
    public transient Double fdrTest;
    /** Absence rules: the key's events seen at its last aggregate with new events. */
    public Long absenceSeen;
    /** Absence rules: wall-clock time, epoch millis, that aggregate was evaluated. */
    public Long lastHeard;
    /** Absence rules: that aggregate (labels and provenance of the FIRING record). */
    public io.entroflow.schemas.wire.AggregateRecord lastAggregate;
    /**
     * Rule timers ({@link RuleTimer}): event time of the key's last evaluation (an aggregate, or a
     * repeat of it at a deadline); kept while the rule is pending or firing or has a deadline.
     */
    public Long evaluatedAt;
    /** Rule timers: a repeat of the last aggregate is active in the current phase (absent: not active). */
    public Boolean repeatActive;
    /** Conformal rules without fdr: the last aggregate's p-value alarmed (a repeat keeps it; absent: no). */
    public Boolean lastAlarm;
    /** Rule timers: the boundary at which a repeat of the last aggregate next changes the phase; absent: none. */
    public Long deadline;
    /** Rule timers: the last aggregate (with this rule's detection), kept while {@link #deadline} is set. */
    public io.entroflow.schemas.wire.AggregateRecord repeat;
    /** The calibrator between scoring and settling one aggregate; not persisted. */
    @JsonIgnore
    public transient io.entroflow.operators.conformal.ConformalCalibrator calibrator;
    /** The aggregate's value when it is a calibration candidate; not persisted. */
    @JsonIgnore
    public transient Double candidate;
    /** What the last evaluation found (conformal p-value, detector statistic), for the transition record; not persisted. */
    @JsonIgnore
    public transient AlertRecord.Detection lastDetection;

    public static final String INACTIVE = "inactive";
    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
}
