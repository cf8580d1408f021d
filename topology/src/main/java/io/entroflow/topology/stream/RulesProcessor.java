package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.alert.AlertEvaluator;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.AlertState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the alert rules on each aggregate and forwards every FIRING/RESOLVED transition, keyed
 * by fingerprint, to the alert-events and alert-state sinks. State: one {@link AlertState} per rule
 * and key in {@code <monitor>-alerts-store}, written in the same transaction as the outputs, so each
 * transition is emitted exactly once.
 */
final class RulesProcessor implements Processor<String, AggregateRecord, String, AlertRecord> {
    private final Map<String, List<AlertRule>> rulesByOperator = new HashMap<>();
    private final AlertEvaluator evaluator;
    private final MonitorCounters counters;
    private final String storeName;
    private final Map<String, StreamTimings.Timer> alertTimers = new HashMap<>();
    private final boolean timed;
    private ProcessorContext<String, AlertRecord> context;
    private KeyValueStore<String, byte[]> store;

    RulesProcessor(String monitor, List<AlertRule> rules, MonitorCounters counters, String storeName) {
        for (AlertRule r : rules) {
            rulesByOperator.computeIfAbsent(r.operator(), k -> new ArrayList<>()).add(r);
        }
        this.evaluator = new AlertEvaluator(monitor);
        this.counters = counters;
        this.storeName = storeName;
        this.timed = counters.timings().timed();
        for (AlertRule r : rules) {
            alertTimers.put(r.name(), counters.timings().eventToAlert(r.name()));
        }
    }

    @Override
    public void init(ProcessorContext<String, AlertRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, AggregateRecord> record) {
        AggregateRecord agg = record.value();
        if (AggregateRecord.REQUEST.equals(agg.trigger())) {
            return; // answers to requests are views, not inputs: alerts must not depend on who asked when
        }
        List<AlertRule> rules = rulesByOperator.getOrDefault(agg.operator(), List.of());
        if (rules.isEmpty()) {
            return;
        }
        boolean expired = AggregateRecord.EXPIRED.equals(agg.trigger());
        String keySuffix = "\u0000" + StoreKeys.of(agg.key()); // encoded once per aggregate, not per rule
        for (AlertRule rule : rules) {
            String stateKey = rule.name() + keySuffix;
            AlertState state = read(store.get(stateKey));
            AlertRecord transition;
            if (expired) {
                transition = evaluator.expire(rule, state, agg);
                store.delete(stateKey);
            } else {
                transition = evaluator.evaluate(rule, state, agg);
                store.put(stateKey, write(state));
            }
            if (transition != null) {
                counters.countTransition(AlertRecord.FIRING.equals(transition.status()));
                if (timed) {
                    alertTimers.get(rule.name()).record(counters.sinceEventStart());
                }
                context.forward(new Record<>(transition.fingerprint(), transition, agg.time()));
            }
        }
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
