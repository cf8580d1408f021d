package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.topology.alert.AlertEvaluator;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.AlertState;
import io.entroflow.topology.alert.RuleTimer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
 *
 * <p><b>Rule timers.</b> Every other rule evaluates, for a key, every interval boundary from its
 * first aggregate on, as with {@code aggregates.emit: every-interval}, whichever emission is
 * configured: at a boundary where the key emitted nothing (its values did not change) the rule sees a
 * repeat of the key's last aggregate ({@link RuleTimer#repeatAt}), evaluated only at the deadlines
 * where a repeat changes the phase ({@link RuleTimer}; a pending {@code for} elapsing, a cleared
 * firing alert's {@code keep-firing-for} elapsing, a regime change's next boundary). Deadlines are
 * indexed in the alerts store ({@link RuleTimers}) and fire in event time: a key's own aggregate at t
 * first fires its deadlines before t (at t too for its expiry aggregate, after which every-interval
 * emission evaluates the boundary's aggregate), and a STREAM_TIME punctuator at the interval fires the
 * deadlines up to where the operators' aggregates are complete ({@link CatchUpProgress}), as does a
 * record with a null value, which an operator sends when it completes a boundary after that punctuation
 * ({@link OperatorProcessor}: the task's stream time came from the input partition). Per key, transitions come in event
 * time, then rule order, as with every-interval emission. Rules learn nothing from repeats
 * ({@link AlertEvaluator#evaluateRepeat}). O(due deadlines) per punctuation.
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
    /** The task's alerts firing now: counted from the store by {@link #sweep}, then moved by each transition. */
    private AtomicLong firingNow;
    private String task;
    /** The least limit of the rules' operators at the last operator message that fired deadlines. */
    private long firedOnMessagesUpTo = Long.MIN_VALUE;
    private long startedAt;
    private final AlertStates states;
    private final FdrTests fdrTests;
    private final RuleTimers timers;
    private final long interval;
    /** Per operator: its time window's span in ms, or 0 (a repeat's window bounds: {@link RuleTimer#repeatAt}). */
    private final Map<String, Long> spans;

    /**
     * @param aggregatesSink the child that receives every aggregate with its detections
     * @param alertEventChildren the children that receive every transition (the alert-events sink, the routing feed)
     * @param alertStateSink  the child that receives every transition, and tombstones of gone rules' alerts
     * @param intervalMillis  the aggregate interval
     * @param spans           per operator, its time window's span in ms (absent or 0: not a time window)
     * @param cacheKeys       {@code aggregates.cache-keys}: rule states kept decoded in memory per rule ({@link AlertStates})
     */
    RulesProcessor(String monitor, List<AlertRule> rules, MonitorCounters counters, String storeName, Clock clock,
                   String aggregatesSink, List<String> alertEventChildren, String alertStateSink,
                   long intervalMillis, Map<String, Long> spans, int cacheKeys) {
        this.interval = intervalMillis;
        this.states = new AlertStates((int) Math.min(Integer.MAX_VALUE, (long) Math.max(1, cacheKeys) * Math.max(1, rules.size())));
        this.fdrTests = new FdrTests(states);
        this.spans = Map.copyOf(spans);
        this.timers = new RuleTimers(counters.catchUp());
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
        this.task = context.taskId().toString();
        this.firingNow = counters.alertsFiringOf(task);
        firingNow.set(0); // until the sweep has counted the store
        states.init(store);
        fdrTests.init(store);
        timers.init(store, task);
        this.swept = false;
        this.firedOnMessagesUpTo = Long.MIN_VALUE;
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, this::onStreamTime);
        long every = Long.MAX_VALUE;
        for (AlertRule r : absenceRules) {
            every = Math.min(every, Math.max(100, Math.min(60_000, ((AlertRule.Absence) r.condition()).afterMillis() / 10)));
        }
        context.schedule(Duration.ofMillis(every == Long.MAX_VALUE ? 1_000 : every), PunctuationType.WALL_CLOCK_TIME,
                t -> onWallClock());
    }

    @Override
    public void process(Record<String, AggregateRecord> record) {
        if (record.value() == null) { // an operator completed a boundary after this task's punctuation for it
            if (!swept) {
                sweep(record.timestamp());
            }
            fireWhenEveryRulesOperatorCompleted();
            return;
        }
        try {
            evaluate(record);
        } catch (RuntimeException e) {
            states.forget(); // a state may be half-changed in memory; the store has the last whole one
            throw e;         // dead-lettered by DeadLetterProcessingHandler
        }
    }

    private void evaluate(Record<String, AggregateRecord> record) {
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
        AlertState[] current = new AlertState[rules.size()];
        boolean due = false;
        for (int i = 0; i < current.length; i++) {
            current[i] = states.get(rules.get(i).name() + keySuffix);
            due |= current[i].deadline != null && current[i].deadline <= (expired ? agg.time() : agg.time() - 1);
        }
        if (due) { // the repeats every-interval emission evaluates before this aggregate (at its time too before an expiry)
            fireDeadlines(rules, keySuffix, expired ? agg.time() : agg.time() - 1);
            for (int i = 0; i < current.length; i++) {
                current[i] = states.get(rules.get(i).name() + keySuffix);
            }
        }
        List<AlertRecord.Detection> detections = new ArrayList<>();
        for (int i = 0; i < current.length; i++) {
            AlertRule rule = rules.get(i);
            String stateKey = rule.name() + keySuffix;
            boolean fdr = !expired && rule.condition() instanceof AlertRule.Conformal c && c.fdr() != null;
            AlertState state = current[i];
            if (fdr) {
                fdrTests.decide(rule, agg.time()); // the tests of earlier intervals: may change this key's state
                state = states.get(stateKey);
            }
            AlertRecord transition;
            if (expired) {
                transition = evaluator.expire(rule, state, agg);
                timers.move(stateKey, state.deadline, null);
                states.delete(stateKey);
            } else {
                AlertEvaluator.catchUp(state, agg.time(), interval);
                transition = evaluator.evaluate(rule, state, agg);
                schedule(rule, stateKey, state, agg);
                states.put(stateKey, state);
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

    /**
     * Sets the state's deadline after an evaluation at {@code last} (moving its index entry) and keeps
     * {@code last}, with the rule's detection, for the repeats while there is one.
     */
    private void schedule(AlertRule rule, String stateKey, AlertState state, AggregateRecord last) {
        Long next = RuleTimer.deadline(rule, state, interval);
        timers.move(stateKey, state.deadline, next);
        state.deadline = next;
        state.repeat = next == null ? null
                : last.withDetections(state.lastDetection == null ? null : List.of(state.lastDetection));
    }

    /**
     * Fires the deadlines up to {@code upTo} (inclusive) of one key's rules (state keys: rule name +
     * {@code keySuffix}) in event time, then rule order, each a repeat of the key's last aggregate at
     * the deadline; a deadline moves on after each, so this loops until none is left up to
     * {@code upTo}. O(rules &middot; deadlines fired) store reads.
     */
    private void fireDeadlines(List<AlertRule> rules, String keySuffix, long upTo) {
        while (true) {
            AlertRule next = null;
            long at = Long.MAX_VALUE;
            for (AlertRule rule : rules) {
                if (rule.condition() instanceof AlertRule.Absence) {
                    continue;
                }
                AlertState state = states.getIfPresent(rule.name() + keySuffix);
                Long deadline = state == null ? null : state.deadline;
                if (deadline != null && deadline <= upTo && deadline < at) {
                    next = rule;
                    at = deadline;
                }
            }
            if (next == null) {
                return;
            }
            String stateKey = next.name() + keySuffix;
            if (next.condition() instanceof AlertRule.Conformal c && c.fdr() != null) {
                fdrTests.decide(next, at); // as before an aggregate at the deadline
            }
            AlertState state = states.get(stateKey);
            AggregateRecord repeat = RuleTimer.repeatAt(state.repeat, at, spans.getOrDefault(next.operator(), 0L));
            AlertRecord transition = evaluator.evaluateRepeat(next, state, repeat);
            schedule(next, stateKey, state, state.repeat);
            states.put(stateKey, state);
            if (transition != null) {
                emit(transition, at);
            }
        }
    }

    /**
     * The STREAM_TIME punctuator: {@link #fireCompleteDeadlines}. Where the task's stream time reaches a
     * boundary before the operators' events do, an operator that completes the boundary later sends a
     * record with a null value, which fires them again ({@link OperatorProcessor}).
     */
    private void onStreamTime(long streamTime) {
        if (!swept) {
            sweep(streamTime); // states of rules gone or moved have no deadlines to fire
        }
        fireCompleteDeadlines();
    }

    /**
     * On an operator's message that it completed a boundary: {@link #fireCompleteDeadlines} once the
     * last of the rules' operators has completed it, so a boundary costs one scan of the timer index
     * (which writes the store's pending entries through), not one per operator. The operators complete
     * it one after the other at the same event, which the signals processor hands to each in turn.
     */
    private void fireWhenEveryRulesOperatorCompleted() {
        long complete = Long.MAX_VALUE;
        for (String op : rulesByOperator.keySet()) {
            complete = Math.min(complete, timers.limit(op));
        }
        if (complete > firedOnMessagesUpTo) {
            firedOnMessagesUpTo = complete;
            fireCompleteDeadlines();
        }
    }

    /**
     * Fires every deadline up to where its operator's aggregates are complete ({@link RuleTimers#limit}),
     * key by key. Index entries whose state no longer points at them (their rule is gone) are deleted.
     */
    private void fireCompleteDeadlines() {
        long upTo = Long.MIN_VALUE;
        for (String op : rulesByOperator.keySet()) {
            upTo = Math.max(upTo, timers.limit(op));
        }
        if (upTo != Long.MIN_VALUE) {
            Map<String, String> keys = new LinkedHashMap<>(); // key suffix -> operator, in deadline order
            for (String entry : timers.due(upTo)) {
                String stateKey = RuleTimers.stateKeyOf(entry);
                int nul = stateKey.indexOf('\u0000');
                AlertRule rule = rulesByName.get(stateKey.substring(0, nul));
                AlertState state = states.getIfPresent(stateKey);
                Long deadline = state == null ? null : state.deadline;
                if (rule == null || deadline == null || !entry.equals(RuleTimers.entry(deadline, stateKey))) {
                    store.delete(entry); // stale: no state points at it
                } else if (deadline <= timers.limit(rule.operator())) {
                    keys.putIfAbsent(stateKey.substring(nul), rule.operator());
                }
            }
            keys.forEach((suffix, op) -> fireDeadlines(rulesByOperator.get(op), suffix, timers.limit(op)));
        }
    }

    @Override
    public void close() {
        if (task != null) {
            counters.forgetAlertsFiring(task);
        }
    }

    private void emit(AlertRecord transition, long time) {
        if (AlertRecord.FIRING.equals(transition.status())) {
            counters.countFired();
            firingNow.incrementAndGet();
        } else {
            firingNow.decrementAndGet();
        }
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
                    AlertState state = AlertStates.decode(e.value);
                    AlertRecord transition = evaluator.checkAbsence(rule, state, now, startedAt);
                    if (transition != null) {
                        fired.add(KeyValue.pair(e.key, state));
                        emit(transition, now);
                    }
                }
            }
            fired.forEach(kv -> states.put(kv.key, kv.value)); // not while iterating the store
        }
    }

    /**
     * Deletes the states of rules gone from the spec (or now watching another operator), resolving
     * their firing alerts at {@code time}, and the FDR states of rules that no longer have fdr; counts
     * the task's alerts firing now ({@link MonitorCounters#alertsFiring}). Once per start, O(entries of
     * the task's store).
     */
    private void sweep(long time) {
        swept = true;
        List<String> gone = new ArrayList<>();
        long firing = 0;
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> e = it.next();
                if (RuleTimers.isTimerKey(e.key)) {
                    continue; // index entries of gone states are deleted with them, below
                }
                if (FdrTests.isFdrKey(e.key)) {
                    AlertRule r = rulesByName.get(FdrTests.ruleOf(e.key));
                    if (r == null || !(r.condition() instanceof AlertRule.Conformal c) || c.fdr() == null) {
                        gone.add(e.key);
                    }
                    continue;
                }
                int nul = e.key.indexOf('\u0000');
                AlertRule rule = rulesByName.get(nul < 0 ? e.key : e.key.substring(0, nul));
                AlertState state = AlertStates.decode(e.value);
                boolean moved = rule != null && state.operator != null && !state.operator.equals(rule.operator());
                if (rule == null || moved) {
                    gone.add(e.key);
                    if (state.deadline != null) {
                        gone.add(RuleTimers.entry(state.deadline, e.key));
                    }
                    AlertRecord resolved = AlertEvaluator.resolveGone(state, time, rule == null
                            ? "its rule is gone from the spec" : "its rule now watches operator " + rule.operator());
                    if (resolved != null) { // a gone rule's alert is not in the count: its RESOLVED leaves it
                        forwardTransition(new Record<>(resolved.fingerprint(), resolved, time));
                        context.forward(new Record<>(resolved.fingerprint(), null, time), alertStateSink);
                    }
                } else if (AlertState.FIRING.equals(state.phase)) {
                    firing++;
                }
            }
        }
        gone.forEach(states::delete);
        firingNow.set(firing);
    }

    /** An alerts-store value decoded (a fresh state for null). */
    static AlertState read(byte[] bytes) {
        return AlertStates.decode(bytes);
    }
}
