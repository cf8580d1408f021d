package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A validated monitor spec (see {@code schemas/monitor-spec.schema.json}). Defaults are applied
 * here, so every accessor returns a usable value. Read one with {@link MonitorSpecLoader}.
 */
public record MonitorSpec(String monitor, InputSpec input, List<SignalSpec> signals, List<OperatorSpec> operators,
                          Aggregates aggregates, List<RuleSpec> rules, Outputs outputs, Routing routing) {
    /** A spec without routing. */
    public MonitorSpec(String monitor, InputSpec input, List<SignalSpec> signals, List<OperatorSpec> operators,
                       Aggregates aggregates, List<RuleSpec> rules, Outputs outputs) {
        this(monitor, input, signals, operators, aggregates, rules, outputs, null);
    }

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
        if (routing != null) {
            routing = new Routing(
                    routing.subscriptions() != null ? routing.subscriptions() : m + "-subscriptions",
                    routing.silences() != null ? routing.silences() : m + "-silences",
                    routing.notifications() != null ? routing.notifications() : m + "-notifications",
                    routing.externalUrl(), routing.maxSkew(), routing.inhibit());
        }
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

    /**
     * Alert routing (present: the monitor routes its alerts to subscriptions; see docs/alerts.md,
     * "Subscriptions and routing"). Topic names default to {@code <monitor>-subscriptions},
     * {@code <monitor>-silences}, {@code <monitor>-notifications}.
     *
     * @param subscriptions compacted topic of {@code Subscription} records
     * @param silences      compacted topic of {@code Silence} records
     * @param notifications the audit log of every notification sent
     * @param externalUrl   the {@code externalURL} of the notifications (default empty)
     * @param maxSkew       how far (event time) a partition of the monitor may lag the most advanced one before the
     *                      router stops waiting for it (default {@code 1m})
     * @param inhibit       inhibition rules, Alertmanager's {@code inhibit_rules}
     */
    public record Routing(String subscriptions, String silences, String notifications,
                          @JsonProperty("external-url") String externalUrl,
                          @JsonProperty("max-skew") String maxSkew, List<InhibitRule> inhibit) {
        public Routing {
            inhibit = inhibit == null ? List.of() : List.copyOf(inhibit);
            maxSkew = maxSkew == null ? "1m" : maxSkew;
            externalUrl = externalUrl == null ? "" : externalUrl;
        }
    }

    /**
     * One inhibition rule, as Alertmanager's: while an alert matching {@code source_matchers} fires, alerts matching
     * {@code target_matchers} with the same values of the {@code equal} labels are not notified.
     *
     * @param sourceMatchers matchers (each string one or more, Alertmanager syntax), all must match the source
     * @param targetMatchers matchers all of which must match the target
     * @param equal          labels whose values must be equal in source and target (missing = empty)
     */
    public record InhibitRule(@JsonProperty("source_matchers") List<String> sourceMatchers,
                              @JsonProperty("target_matchers") List<String> targetMatchers, List<String> equal) {
        public InhibitRule {
            sourceMatchers = sourceMatchers == null ? List.of() : List.copyOf(sourceMatchers);
            targetMatchers = targetMatchers == null ? List.of() : List.copyOf(targetMatchers);
            equal = equal == null ? List.of() : List.copyOf(equal);
        }
    }
}
