package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.alert.AlertEvaluator;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.AlertState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the alert rules on each aggregate and forwards every FIRING/RESOLVED transition, keyed
 * by fingerprint, to the alert-events and alert-state sinks, and every aggregate, with what its
 * conformal and change-point rules computed ({@link AggregateRecord#detections}), to the aggregates
 * sink. State: one {@link AlertState} per rule and key in {@code <monitor>-alerts-store}, and per
 * conformal rule with {@code fdr} the task's online FDR tests ({@link FdrTests}), written in the
 * same transaction as the outputs, so each transition is emitted exactly once.
 *
 * <p>On its first record or wall-clock punctuation after a start, the task's states of rules gone
 * from the spec (or now watching another operator) are deleted: a firing alert among them is resolved
 * (a RESOLVED event) and its alert-state entry tombstoned. Absence rules are checked by a
 * WALL_CLOCK_TIME punctuator every max(100 ms, min(60 s, after/10)), O(keys of the rule) each.
 */
final class RulesProcessor implements Processor<String, AggregateRecord, String, Object> {
    private final Map<String, List<AlertRule>> rulesByOperator = new HashMap<>();
    private final Map<String, AlertRule> rulesByName = new HashMap<>();
    private final List<AlertRule> absenceRules = new ArrayList<>();
    private final AlertEvaluator evaluator;
    private final MonitorCounters counters;
    private final String storeName;
    private final Clock clock;
    private final String aggregatesSink;
    private final List<String> alertEventChildren;
    private final String alertStateSink;
    private final Map<String, StreamTimings.Timer> alertTimers = new HashMap<>();
    private final boolean timed;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
    private boolean swept;
    private long startedAt;
    private final FdrTests fdrTests = new FdrTests(RulesProcessor::read, RulesProcessor::write);

    /**
     * @param aggregatesSink the child that receives every aggregate with its detections
     * @param alertEventChildren the children that receive every transition (the alert-events sink, the routing feed)
     * @param alertStateSink  the child that receives every transition, and tombstones of gone rules' alerts
     */
    RulesProcessor(String monitor, List<AlertRule> rules, MonitorCounters counters, String storeName, Clock clock,
                   String aggregatesSink, List<String> alertEventChildren, String alertStateSink) {
        for (AlertRule r : rules) {
            rulesByOperator.computeIfAbsent(r.operator(), k -> new ArrayList<>()).add(r);
            rulesByName.put(r.name(), r);
            if (r.condition() instanceof AlertRule.Absence) {
                absenceRules.add(r);
            }
        }
        this.evaluator = new AlertEvaluator(monitor, clock);
        this.counters = counters;
        this.storeName = storeName;
        this.clock = clock;
        this.aggregatesSink = aggregatesSink;
        this.alertEventChildren = List.copyOf(alertEventChildren);
        this.alertStateSink = alertStateSink;
        this.timed = counters.timings().timed();
        for (AlertRule r : rules) {
            alertTimers.put(r.name(), counters.timings().eventToAlert(r.name()));
        }
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        this.startedAt = clock.millis();
        fdrTests.init(store);
        this.swept = false;
        long every = Long.MAX_VALUE;
        for (AlertRule r : absenceRules) {
            every = Math.min(every, Math.max(100, Math.min(60_000, ((AlertRule.Absence) r.condition()).afterMillis() / 10)));
        }
        context.schedule(Duration.ofMillis(every == Long.MAX_VALUE ? 1_000 : every), PunctuationType.WALL_CLOCK_TIME,
                t -> onWallClock());
    }

    @Override
    public void process(Record<String, AggregateRecord> record) {
        if (!swept) {
            sweep(record.timestamp());
        }
        AggregateRecord agg = record.value();
        List<AlertRule> rules = rulesByOperator.getOrDefault(agg.operator(), List.of());
        if (AggregateRecord.REQUEST.equals(agg.trigger()) || rules.isEmpty()) {
            // answers to requests are views, not inputs: alerts must not depend on who asked when
            context.forward(record, aggregatesSink);
            return;
        }
        boolean expired = AggregateRecord.EXPIRED.equals(agg.trigger());
        String keySuffix = "\u0000" + StoreKeys.of(agg.key()); // encoded once per aggregate, not per rule
        List<AlertRecord.Detection> detections = new ArrayList<>();
        for (AlertRule rule : rules) {
            String stateKey = rule.name() + keySuffix;
            boolean fdr = !expired && rule.condition() instanceof AlertRule.Conformal c && c.fdr() != null;
            if (fdr) {
                fdrTests.decide(rule, agg.time()); // the tests of earlier intervals, before this key's state is read
            }
            AlertState state = read(store.get(stateKey));
            AlertRecord transition;
            if (expired) {
                transition = evaluator.expire(rule, state, agg);
                store.delete(stateKey);
            } else {
                transition = evaluator.evaluate(rule, state, agg);
                store.put(stateKey, write(state));
                if (fdr && state.fdrTest != null) {
                    fdrTests.add(rule, agg.time(), stateKey, state.fdrTest);
                }
                if (state.lastDetection != null) {
                    detections.add(state.lastDetection.withRule(rule.name()));
                }
            }
            if (transition != null) {
                if (timed) {
                    alertTimers.get(rule.name()).record(counters.sinceEventStart());
                }
                emit(transition, agg.time());
            }
        }
        context.forward(record.withValue(detections.isEmpty() ? agg : agg.withDetections(detections)), aggregatesSink);
    }

    private void emit(AlertRecord transition, long time) {
        counters.countTransition(AlertRecord.FIRING.equals(transition.status()));
        Record<String, Object> out = new Record<>(transition.fingerprint(), transition, time);
        forwardTransition(out);
        context.forward(out, alertStateSink);
    }

    private void forwardTransition(Record<String, Object> transition) {
        for (String child : alertEventChildren) {
            context.forward(transition, child);
        }
    }

    private void onWallClock() {
        long now = clock.millis();
        if (!swept) {
            sweep(now);
        }
        for (AlertRule rule : absenceRules) {
            List<KeyValue<String, AlertState>> fired = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.prefixScan(rule.name() + "\u0000", new StringSerializer())) {
                while (it.hasNext()) {
                    KeyValue<String, byte[]> e = it.next();
                    AlertState state = read(e.value);
                    AlertRecord transition = evaluator.checkAbsence(rule, state, now, startedAt);
                    if (transition != null) {
                        fired.add(KeyValue.pair(e.key, state));
                        emit(transition, now);
                    }
                }
            }
            fired.forEach(kv -> store.put(kv.key, write(kv.value))); // not while iterating the store
        }
    }

    /**
     * Deletes the states of rules gone from the spec (or now watching another operator), resolving
     * their firing alerts at {@code time}, and the FDR states of rules that no longer have fdr. Once
     * per start, O(entries of the task's store).
     */
    private void sweep(long time) {
        swept = true;
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> e = it.next();
                if (FdrTests.isFdrKey(e.key)) {
                    AlertRule r = rulesByName.get(FdrTests.ruleOf(e.key));
                    if (r == null || !(r.condition() instanceof AlertRule.Conformal c) || c.fdr() == null) {
                        gone.add(e.key);
                    }
                    continue;
                }
                int nul = e.key.indexOf('\u0000');
                AlertRule rule = rulesByName.get(nul < 0 ? e.key : e.key.substring(0, nul));
                AlertState state = read(e.value);
                boolean moved = rule != null && state.operator != null && !state.operator.equals(rule.operator());
                if (rule == null || moved) {
                    gone.add(e.key);
                    AlertRecord resolved = AlertEvaluator.resolveGone(state, time, rule == null
                            ? "its rule is gone from the spec" : "its rule now watches operator " + rule.operator());
                    if (resolved != null) {
                        counters.countTransition(false);
                        forwardTransition(new Record<>(resolved.fingerprint(), resolved, time));
                        context.forward(new Record<>(resolved.fingerprint(), null, time), alertStateSink);
                    }
                }
            }
        }
        gone.forEach(store::delete);
    }

    /** An alerts-store value decoded (a fresh state for null). */
    static AlertState read(byte[] bytes) {
        if (bytes == null) {
            return new AlertState();
        }
        try {
            return JsonSerde.MAPPER.readValue(bytes, AlertState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("alerts store: unreadable state", e);
        }
    }

    private static byte[] write(AlertState state) {
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
