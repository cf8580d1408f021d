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
            aggregates = aggregates.withRequests(m + "-aggregate-requests");
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
     * Aggregates emission: per key at interval boundaries of event time (default {@code 1s}) when its
     * aggregate changed ({@code emit}), and on request; idle keys expire; a bounded number of keys'
     * live operators in memory.
     *
     * @param interval    emission interval in event time
     * @param requests    topic of on-demand requests (default {@code <monitor>-aggregate-requests})
     * @param expireAfter forget a key whose latest event is this far behind stream time (default
     *                    {@value #DEFAULT_EXPIRE_AFTER}; {@value #NEVER}: keys are kept forever)
     * @param emit        {@value #ON_CHANGE} (default): a key emits at a boundary only when its aggregate
     *                    changed since its previous one; {@value #EVERY_INTERVAL}: every key at every boundary
     * @param cacheKeys   keys whose live operators each operator keeps in memory per task, least recently
     *                    used evicted (default {@value #DEFAULT_CACHE_KEYS}); the rest are rebuilt from the store
     */
    public record Aggregates(String interval, String requests, @JsonProperty("expire-after") String expireAfter,
                             String emit, @JsonProperty("cache-keys") Integer cacheKeys) {
        /** Default {@code expire-after}: a day of event time. */
        public static final String DEFAULT_EXPIRE_AFTER = "24h";
        /** {@code expire-after: never}: keys are never forgotten. */
        public static final String NEVER = "never";
        /** {@code emit: on-change} (default). */
        public static final String ON_CHANGE = "on-change";
        /** {@code emit: every-interval}: every key the task has seen, at every boundary. */
        public static final String EVERY_INTERVAL = "every-interval";
        /** Default {@code cache-keys}. */
        public static final int DEFAULT_CACHE_KEYS = 10_000;

        public Aggregates {
            interval = interval == null ? "1s" : interval;
            expireAfter = expireAfter == null ? DEFAULT_EXPIRE_AFTER : expireAfter;
            emit = emit == null ? ON_CHANGE : emit;
            cacheKeys = cacheKeys == null ? DEFAULT_CACHE_KEYS : cacheKeys;
        }

        /** Interval, requests topic and expiry as given; emission and cache by default. */
        public Aggregates(String interval, String requests, String expireAfter) {
            this(interval, requests, expireAfter, null, null);
        }

        /** The same settings with another requests topic. */
        public Aggregates withRequests(String requestsTopic) {
            return new Aggregates(interval, requestsTopic, expireAfter, emit, cacheKeys);
        }

        /** The interval in milliseconds. */
        public long intervalMillis() {
            return Durations.parseMillis("aggregates.interval", interval);
        }

        /** True for {@code expire-after: never}. */
        public boolean neverExpire() {
            return NEVER.equals(expireAfter);
        }

        /** True for {@code emit: every-interval}. */
        public boolean everyInterval() {
            return EVERY_INTERVAL.equals(emit);
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
