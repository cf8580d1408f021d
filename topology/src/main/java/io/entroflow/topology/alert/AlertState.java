package io.entroflow.topology.alert;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The persisted state of one rule for one key (JSON in the alerts store). Mutable; owned by the
 * stream thread of the key's task.
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

    public static final String INACTIVE = "inactive";
    public static final String PENDING = "pending";
    public static final String FIRING = "firing";
}
