package io.entroflow.app.metrics;

import io.entroflow.topology.stream.BadEvent;
import io.entroflow.topology.stream.MonitorCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A monitor's {@link MonitorCounters} as Micrometer meters read at scrape time (nothing is counted
 * twice: the functions read the live counters). Prometheus names:
 *
 * <ul>
 *   <li>{@code entroflow_events_in_total}, {@code entroflow_events_processed_total}: counters, events;</li>
 *   <li>{@code entroflow_events_dead_lettered_total{reason}}: counter per dead-letter reason, every
 *       known reason registered at 0 so that {@code rate()} sees the first one;</li>
 *   <li>{@code entroflow_categories_overflowed_total}: counter, categorical values past their signal's
 *       {@code max-categories}, mapped to its overflow symbol;</li>
 *   <li>{@code entroflow_alerts_fired_total}: counter, FIRING transitions;
 *       {@code entroflow_alerts_firing}: gauge, alerts firing now;</li>
 *   <li>{@code entroflow_requests_total{outcome="answered"|"rejected"}}: counter, on-demand aggregate requests;</li>
 *   <li>{@code entroflow_keys_live{operator}}: gauge, keys with state in the operator's stores on this
 *       instance (a key is live from its first event until it expires), kept by the operator processors
 *       themselves (no store scan at scrape time); every operator from the start, at 0 until its tasks run;</li>
 *   <li>{@code entroflow_ready}: gauge, 1 while the Kafka Streams application is RUNNING, else 0.</li>
 * </ul>
 *
 * A reason that is not in {@link BadEvent}'s list gets its counter when {@link #refresh} first sees it
 * (called before each scrape). Thread-safe.
 */
public final class MonitorCountersMetrics implements MeterBinder {
    /** Dead-letter reasons registered up front. */
    public static final List<String> KNOWN_REASONS = List.of(BadEvent.UNPARSABLE, BadEvent.MISSING_FIELD,
            BadEvent.WRONG_TYPE, BadEvent.NOT_FINITE, BadEvent.OUT_OF_RANGE, BadEvent.LATE, BadEvent.KEY_TOO_LARGE,
            BadEvent.PROCESSING_ERROR);

    private final MonitorCounters counters;
    private final BooleanSupplier ready;
    private final Set<String> reasons = ConcurrentHashMap.newKeySet();
    private final Set<String> operators = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    /**
     * @param counters the running monitor's counters
     * @param ready    whether the monitor is ready (Kafka Streams RUNNING)
     */
    public MonitorCountersMetrics(MonitorCounters counters, BooleanSupplier ready) {
        this.counters = counters;
        this.ready = ready;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("entroflow.events.in", counters, MonitorCounters::eventsIn)
                .description("Events read from the input topics").register(registry);
        FunctionCounter.builder("entroflow.events.processed", counters, MonitorCounters::eventsProcessed)
                .description("Events that reached the operators").register(registry);
        FunctionCounter.builder("entroflow.categories.overflowed", counters, MonitorCounters::categoriesOverflowed)
                .description("Categorical values mapped to their signal's overflow symbol").register(registry);
        FunctionCounter.builder("entroflow.alerts.fired", counters, MonitorCounters::alertsFired)
                .description("Alert FIRING transitions").register(registry);
        Gauge.builder("entroflow.alerts.firing", counters, MonitorCounters::alertsFiring)
                .description("Alerts firing now").register(registry);
        FunctionCounter.builder("entroflow.requests", counters, MonitorCounters::requestsAnswered)
                .description("On-demand aggregate requests").tag("outcome", "answered").register(registry);
        FunctionCounter.builder("entroflow.requests", counters, MonitorCounters::requestsRejected)
                .description("On-demand aggregate requests").tag("outcome", "rejected").register(registry);
        Gauge.builder("entroflow.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 while the Kafka Streams application is RUNNING, else 0").register(registry);
        KNOWN_REASONS.forEach(this::registerReason);
        refresh();
    }

    /** Registers the dead-letter counters of reasons, and the live-key gauges of operators, seen since the last call. */
    public void refresh() {
        counters.deadLettersByReason().keySet().forEach(this::registerReason);
        counters.liveKeysByOperator().keySet().forEach(this::registerOperator);
    }

    private void registerOperator(String operator) {
        MeterRegistry r = registry;
        if (r != null && operators.add(operator)) {
            Gauge.builder("entroflow.keys.live", counters, c -> c.liveKeys(operator))
                    .description("Keys with state in the operator's stores on this instance")
                    .tag("operator", operator).register(r);
        }
    }

    private void registerReason(String reason) {
        MeterRegistry r = registry;
        if (r != null && reasons.add(reason)) {
            FunctionCounter.builder("entroflow.events.dead.lettered", counters,
                            c -> c.deadLettersByReason().getOrDefault(reason, 0L))
                    .description("Events written to the dead-letter topic, by reason")
                    .tag("reason", reason).register(r);
        }
    }
}
