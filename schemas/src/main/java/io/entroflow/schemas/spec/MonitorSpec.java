package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A validated monitor spec (see {@code schemas/monitor-spec.schema.json}). Defaults are applied
 * here, so every accessor returns a usable value. Read one with {@link MonitorSpecLoader}.
 */
public record MonitorSpec(String monitor, InputSpec input, List<SignalSpec> signals, List<OperatorSpec> operators,
                          Aggregates aggregates, List<RuleSpec> rules, Outputs outputs) {
    public MonitorSpec {
        signals = signals == null ? List.of() : List.copyOf(signals);
        operators = operators == null ? List.of() : List.copyOf(operators);
        rules = rules == null ? List.of() : List.copyOf(rules);
        aggregates = aggregates == null ? new Aggregates(null, null, null) : aggregates;
        outputs = outputs == null ? new Outputs(null, null, null, null) : outputs;
        String m = monitor == null ? "monitor" : monitor;
        if (aggregates.requests() == null) {
            aggregates = new Aggregates(aggregates.interval(), m + "-aggregate-requests", aggregates.expireAfter());
        }
        outputs = new Outputs(
                outputs.aggregates() != null ? outputs.aggregates() : m + "-aggregates",
                outputs.alertEvents() != null ? outputs.alertEvents() : m + "-alert-events",
                outputs.alertState() != null ? outputs.alertState() : m + "-alert-state",
                outputs.deadLetter() != null ? outputs.deadLetter() : m + "-dead-letter");
    }

    /**
     * Aggregates emission: every {@code interval} of event time per key (default {@code 1s}), and on
     * request.
     *
     * @param interval emission interval in event time
     * @param requests    topic of on-demand requests (default {@code <monitor>-aggregate-requests})
     * @param expireAfter forget a key whose latest event is this far behind stream time (absent: never)
     */
    public record Aggregates(String interval, String requests, @JsonProperty("expire-after") String expireAfter) {
        public Aggregates {
            interval = interval == null ? "1s" : interval;
        }

        /** The interval in milliseconds. */
        public long intervalMillis() {
            return Durations.parseMillis("aggregates.interval", interval);
        }
    }

    /** Output topic names; each defaults to {@code <monitor>-<output>}. */
    public record Outputs(String aggregates, @JsonProperty("alert-events") String alertEvents,
                          @JsonProperty("alert-state") String alertState,
                          @JsonProperty("dead-letter") String deadLetter) {
    }
}
