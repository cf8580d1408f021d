package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * An alert in Alertmanager's shape (schema {@code /schemas/alert.schema.json}), used on the
 * alert-events topic (one record per transition) and the compacted alert-state topic (latest
 * record per fingerprint).
 *
 * @param labels       {@code alertname}, {@code monitor}, {@code rule}, {@code key}, {@code severity}, {@code operator}
 * @param annotations  {@code summary}: the value and the threshold
 * @param status       {@code firing} or {@code resolved}
 * @param startsAt     ISO-8601 event time the alert started firing
 * @param endsAt       ISO-8601 event time it resolved; {@code 0001-01-01T00:00:00Z} while firing
 * @param fingerprint  16 hex digits, FNV-1a 64 of the sorted labels (stable per rule and key)
 * @param provenance   operator value, window bounds, input offsets of the aggregate that caused the transition
 * @param detection    conformal and change-point rules: what the rule computed from that aggregate (its
 *                     p-value or detector statistic, and whether it is still warming up); absent for other rules
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRecord(Map<String, String> labels, Map<String, String> annotations, String status,
                          String startsAt, String endsAt, String fingerprint, AlertProvenance provenance,
                          Detection detection) {
    /** Alertmanager's zero time, used as {@code endsAt} of a firing alert. */
    public static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    /** An alert of a rule without a {@link Detection} (threshold, significance, regime change, drift). */
    public AlertRecord(Map<String, String> labels, Map<String, String> annotations, String status,
                       String startsAt, String endsAt, String fingerprint, AlertProvenance provenance) {
        this(labels, annotations, status, startsAt, endsAt, fingerprint, provenance, null);
    }

    /**
     * What a conformal or change-point rule computed from the aggregate of a transition. The rules
     * compute it after the operator stage, per rule and key, so it travels with the alert records,
     * not with the aggregates.
     *
     * @param method     {@code conformal}, {@code cusum}, {@code page-hinkley}, {@code shiryaev-roberts} or {@code bocpd}
     * @param pValue     conformal: the value's p-value among the key's calibration values (absent while warming up)
     * @param alpha      conformal: the alarm level
     * @param statistic  change point: the detector's statistic after the value (before its restart on an alarm;
     *                   absent while warming up)
     * @param threshold  change point: the statistic's alarm threshold
     * @param warmingUp  true while the rule cannot fire: fewer calibration values than configured, or the
     *                   detector's baseline being collected (again, after an alarm)
     * @param rule       the rule's name (in aggregates, where several rules may watch one operator)
     * @param fdrLevel   conformal with {@code fdr}: the level the task's online FDR rule gave this p-value, when
     *                   the aggregate was a test (a calibration point); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detection(String method, @JsonProperty("p_value") Double pValue, Double alpha, Double statistic,
                            Double threshold, @JsonProperty("warming_up") boolean warmingUp, String rule,
                            @JsonProperty("fdr_level") Double fdrLevel) {
        /** A detection without rule name and FDR level. */
        public Detection(String method, Double pValue, Double alpha, Double statistic, Double threshold,
                         boolean warmingUp) {
            this(method, pValue, alpha, statistic, threshold, warmingUp, null, null);
        }

        /** This detection labelled with its rule's name. */
        public Detection withRule(String name) {
            return new Detection(method, pValue, alpha, statistic, threshold, warmingUp, name, fdrLevel);
        }
    }

    /**
     * Provenance of a transition.
     *
     * @param operator    operator name
     * @param value       the operator value that caused the transition
     * @param time        the aggregate's event time, epoch millis
     * @param windowStart window start, epoch millis
     * @param windowEnd   window end, epoch millis
     * @param pValue      p-value where it applies
     * @param input       input topic, partition and offset range
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertProvenance(String operator, double value, long time,
                                  @JsonProperty("window_start") long windowStart,
                                  @JsonProperty("window_end") long windowEnd,
                                  @JsonProperty("p_value") Double pValue, Provenance input) {
    }
}
