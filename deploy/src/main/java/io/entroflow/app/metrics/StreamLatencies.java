package io.entroflow.app.metrics;

import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.stream.StreamTimings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stream threads' timings ({@link StreamTimings}) recorded into one wait-free
 * {@link LatencyRecorder} per spec operator and per rule, exported as
 * {@code entroflow_operator_update_seconds{operator,quantile}} (+ {@code _max}) and
 * {@code entroflow_event_to_alert_seconds{rule,quantile}} (+ {@code _max}) over the last minute.
 *
 * <p>Recorders are made up front from the plan (the stream threads only look theirs up once, at
 * processor creation); a name the plan does not have gets {@link StreamTimings#DISCARD}. Per event
 * and operator the stream thread pays two {@code System.nanoTime()} calls and one
 * {@code Recorder.recordValue} (wait-free: an atomic increment and an array increment). Memory:
 * one recorder of about 16 histograms (range 1 ns..1 min, 2 significant digits) per operator and rule.
 */
public final class StreamLatencies implements StreamTimings, MeterBinder {
    private final Map<String, LatencyRecorder> operators = new LinkedHashMap<>();
    private final Map<String, LatencyRecorder> rules = new LinkedHashMap<>();

    public StreamLatencies(MonitorPlan plan) {
        for (PlannedOperator op : plan.operators()) {
            operators.put(op.name(), recorder());
        }
        for (AlertRule r : plan.rules()) {
            rules.put(r.name(), recorder());
        }
    }

    /** One minute of values in 5 s intervals, up to 1 min each, within 1%. */
    private static LatencyRecorder recorder() {
        return new LatencyRecorder(Duration.ofMinutes(1), 2, Duration.ofSeconds(5), 12);
    }

    @Override
    public Timer operatorUpdate(String operator) {
        LatencyRecorder r = operators.get(operator);
        return r == null ? DISCARD : r::record;
    }

    @Override
    public Timer eventToAlert(String rule) {
        LatencyRecorder r = rules.get(rule);
        return r == null ? DISCARD : r::record;
    }

    /** The recorder of an operator's update times (tests). */
    public LatencyRecorder operator(String name) {
        return operators.get(name);
    }

    /** The recorder of a rule's event-to-alert latencies (tests). */
    public LatencyRecorder rule(String name) {
        return rules.get(name);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        operators.forEach((name, r) -> new LatencyMetrics("entroflow.operator.update",
                "Time a stream thread spends on one event in one operator (update and journal write)",
                Tags.of("operator", name), r).bindTo(registry));
        rules.forEach((name, r) -> new LatencyMetrics("entroflow.event.to.alert",
                "Time from the start of an input record's processing to the alert transition it caused, on the stream thread",
                Tags.of("rule", name), r).bindTo(registry));
    }
}
