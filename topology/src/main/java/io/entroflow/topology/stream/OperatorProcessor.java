package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;

/**
 * Runs one spec operator for every key, crash-safe and replay-exact: wires the key's
 * {@link KeyJournal} (state in the store, operators rebuilt from it) to its {@link EmissionPolicy}
 * (which aggregates are emitted when). Per event: advance the task's stream time, emit the
 * boundaries the key is behind, update the key's operator, journal the event (one store put). A
 * STREAM_TIME punctuator at the interval emits the boundaries of quiet keys that are due (the
 * store's due index); at most {@code aggregates.cache-keys} keys' operators are in memory; an
 * {@link AggregateRequest} is answered without changing state.
 *
 * <p>O(1) amortised per event plus the operator's own cost; a rebuild costs one replay of the
 * window. One instance per task (Kafka Streams' contract), confined to its stream thread.
 */
final class OperatorProcessor implements Processor<String, OperatorInput, String, AggregateRecord> {
    private final PlannedOperator op;
    private final long interval;
    private final KeyJournal journal;
    private final EmissionPolicy policy;
    private final StreamTimings.Timer updateTimer;
    private final boolean timed;

    /** As the full constructor, without timings ({@link StreamTimings#NONE}). */
    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis,
                      long expireAfterMillis) {
        this(monitor, op, storeName, intervalMillis, latenessMillis, expireAfterMillis, true,
                MonitorSpec.Aggregates.DEFAULT_CACHE_KEYS, StreamTimings.NONE);
    }

    /**
     * @param storeName         the operator's key-value store (String &rarr; byte[])
     * @param intervalMillis    aggregate interval in event time, &gt; 0
     * @param latenessMillis    the input's allowed lateness (time windows keep span + lateness of events)
     * @param expireAfterMillis {@code aggregates.expire-after}, 0 = keys never expire
     * @param everyInterval     {@code aggregates.emit: every-interval}; false: on change
     * @param cacheKeys         {@code aggregates.cache-keys}: live operators held in memory
     * @param timings           where the update time of each event (operator update + journal write) goes
     */
    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis,
                      long expireAfterMillis, boolean everyInterval, int cacheKeys, StreamTimings timings) {
        this.timed = timings.timed();
        this.updateTimer = timings.operatorUpdate(op.name());
        this.op = op;
        this.interval = intervalMillis;
        this.journal = new KeyJournal(op, storeName, latenessMillis, cacheKeys);
        this.policy = new EmissionPolicy(monitor, op, intervalMillis, expireAfterMillis, everyInterval, journal);
    }

    @Override
    public void init(ProcessorContext<String, AggregateRecord> context) {
        journal.init(context);
        policy.init(context);
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, ignored -> policy.catchUpQuietKeys());
    }

    @Override
    public void process(Record<String, OperatorInput> record) {
        if (record.value() instanceof AggregateRequest request) {
            policy.answer(request);
            return;
        }
        SignalEvent e = (SignalEvent) record.value();
        policy.observe(e.time());
        int[] idx = op.signalIndices();
        long[] inputs = new long[idx.length];
        for (int k = 0; k < idx.length; k++) {
            if (!e.has(idx[k])) {
                return; // this signal has no value yet for the key (history-based symbolisers)
            }
            inputs[k] = e.values()[idx[k]];
        }
        KeyState s = policy.beforeEvent(e.key()); // the key's state before this event, at every boundary it closed
        long start = timed ? System.nanoTime() : 0;
        byte[] checkpoint = journal.beforeUpdate(s);
        try {
            s.operator.update(e.time(), inputs);
        } catch (RuntimeException ex) {
            journal.evict(e.key()); // the store is as before the event; the operator object may not be
            throw ex;               // dead-lettered by DeadLetterProcessingHandler
        }
        journal.append(s, e, inputs, checkpoint);
        policy.afterEvent(s);
        if (timed) {
            updateTimer.record(System.nanoTime() - start);
        }
    }
}
