package io.entroflow.topology.stream;

import io.entroflow.schemas.spec.MonitorSpec;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one spec operator for every key, crash-safe and replay-exact: wires the key's
 * {@link KeyJournal} (state in the store, operators rebuilt from it) to its {@link EmissionPolicy}
 * (which aggregates are emitted when). Per event: advance the task's stream time, emit the
 * boundaries the key is behind, update the key's operator, journal the event (one store put). A
 * STREAM_TIME punctuator at the interval emits the boundaries of quiet keys that are due (the
 * store's due index), at most {@link EmissionPolicy#SLICE_KEYS} keys per punctuation, the rest in
 * slices every {@link #CATCH_UP_EVERY} of wall-clock time; when that punctuation ran before this
 * operator's events reached the boundary (the task's stream time comes from another partition), the
 * operator's first event past it runs the pass instead; at most {@code aggregates.cache-keys} keys' operators are in memory; an
 * {@link AggregateRequest} is answered without changing state. The task's count of live keys
 * ({@link KeyJournal#liveKeys}) goes to {@link MonitorCounters#liveKeysByOperator} after each event and
 * interval, and every {@link #LIVE_KEYS_EVERY} of wall-clock time.
 *
 * <p>O(1) amortised per event plus the operator's own cost; a rebuild costs one replay of the
 * window. One instance per task (Kafka Streams' contract), confined to its stream thread.
 */
final class OperatorProcessor implements Processor<String, OperatorInput, String, AggregateRecord> {
    /** How often a task's live-key count is published when no event or interval does it. */
    static final Duration LIVE_KEYS_EVERY = Duration.ofSeconds(1);
    /** How often a slice of due keys left by the last punctuation is caught up (between record batches). */
    static final Duration CATCH_UP_EVERY = Duration.ofMillis(10);
    private final PlannedOperator op;
    private final long interval;
    private final KeyJournal journal;
    private final EmissionPolicy policy;
    private final StreamTimings.Timer updateTimer;
    private final boolean timed;
    private final MonitorCounters counters;
    /** The rules node, told when an early pass or a slice completes a boundary; null without rules. */
    private final String rulesNode;
    private ProcessorContext<String, AggregateRecord> context;
    private String task;
    /** The interval of the task's stream time at the last STREAM_TIME punctuation. */
    private long punctuatedTick = Long.MIN_VALUE;
    private AtomicLong liveKeys;
    private long liveKeysPublished = -1;

    /** As the full constructor, with counters of its own (no timings: {@link StreamTimings#NONE}). */
    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis,
                      long expireAfterMillis) {
        this(monitor, op, storeName, intervalMillis, latenessMillis, expireAfterMillis, true,
                MonitorSpec.Aggregates.DEFAULT_CACHE_KEYS, new MonitorCounters());
    }

    /** As the full constructor, with {@link EmissionPolicy#SLICE_KEYS} due keys per punctuation. */
    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis,
                      long expireAfterMillis, boolean everyInterval, int cacheKeys, MonitorCounters counters) {
        this(monitor, op, storeName, intervalMillis, latenessMillis, expireAfterMillis, everyInterval, cacheKeys,
                EmissionPolicy.SLICE_KEYS, counters, null);
    }

    /**
     * @param storeName         the operator's key-value store (String &rarr; byte[])
     * @param intervalMillis    aggregate interval in event time, &gt; 0
     * @param latenessMillis    the input's allowed lateness (time windows keep span + lateness of events)
     * @param expireAfterMillis {@code aggregates.expire-after}, 0 = keys never expire
     * @param everyInterval     {@code aggregates.emit: every-interval}; false: on change
     * @param cacheKeys         {@code aggregates.cache-keys}: live operators held in memory
     * @param sliceKeys         due keys caught up in one punctuation at most (a slice reads every key's
     *                          state, then catches them up: one larger than {@code cacheKeys} rebuilds each
     *                          evicted key twice)
     * @param counters          where the task's live keys go, and its timings: the update time of each
     *                          event (operator update + journal write)
     * @param rulesNode         the rules processor, or null: after a pass that ran off the STREAM_TIME
     *                          punctuation (at an event past a boundary the punctuation reached first, or
     *                          in wall-clock slices) moved {@link EmissionPolicy#completeUpTo}, it gets a
     *                          record with a null key and value, and fires the rule deadlines that became due
     */
    OperatorProcessor(String monitor, PlannedOperator op, String storeName, long intervalMillis, long latenessMillis,
                      long expireAfterMillis, boolean everyInterval, int cacheKeys, int sliceKeys,
                      MonitorCounters counters, String rulesNode) {
        this.rulesNode = rulesNode;
        StreamTimings timings = counters.timings();
        this.counters = counters;
        this.timed = timings.timed();
        this.updateTimer = timings.operatorUpdate(op.name());
        this.op = op;
        this.interval = intervalMillis;
        this.journal = new KeyJournal(op, storeName, latenessMillis, cacheKeys);
        this.policy = new EmissionPolicy(monitor, op, intervalMillis, expireAfterMillis, everyInterval, sliceKeys,
                journal);
    }

    @Override
    public void init(ProcessorContext<String, AggregateRecord> context) {
        this.context = context;
        journal.init(context);
        policy.init(context);
        task = context.taskId().toString();
        liveKeys = counters.liveKeysOf(op.name(), task);
        liveKeysPublished = -1;
        counters.catchUp().reset(task, op.name());
        punctuatedTick = Long.MIN_VALUE;
        context.schedule(Duration.ofMillis(interval), PunctuationType.STREAM_TIME, streamTime -> {
            punctuatedTick = Math.floorDiv(streamTime, interval);
            catchUpQuietKeys();
        });
        context.schedule(CATCH_UP_EVERY, PunctuationType.WALL_CLOCK_TIME, ignored -> {
            long before = policy.completeUpTo();
            policy.continueCatchUp();
            publishProgress();
            tellRulesIfCompleted(before);
        });
        // also without input (a restored task): the count is read from the store on the stream thread
        context.schedule(LIVE_KEYS_EVERY, PunctuationType.WALL_CLOCK_TIME, ignored -> publishLiveKeys());
    }

    @Override
    public void close() {
        if (task != null) {
            counters.forgetLiveKeys(op.name(), task);
            counters.catchUp().reset(task, op.name());
        }
    }

    private void catchUpQuietKeys() {
        policy.catchUpQuietKeys();
        publishProgress();
    }

    /** After a pass or slice: how far the task's aggregates are complete (the rules' timers), and its live keys. */
    private void publishProgress() {
        counters.catchUp().completeUpTo(task, op.name(), policy.completeUpTo());
        publishLiveKeys();
    }

    /**
     * The pass at the first event of an interval whose stream-time punctuation already ran: the task's
     * stream time is the latest of all its partitions, so when the key comes from a field the input
     * partition reaches a boundary before the re-key partition brings this operator its events, and the
     * punctuation then finds the boundary not yet reached here. Without this pass the keys not caught up by
     * their own events would wait for the next boundary's punctuation, one interval later. Where the
     * operator's events set the stream time (the record key, the test driver, the offline runner), the
     * punctuation follows the event and this never runs.
     */
    private void catchUpIfPunctuatedEarly(long time) {
        if (Math.floorDiv(time, interval) <= punctuatedTick && policy.newBoundaryDue()) {
            long before = policy.completeUpTo();
            catchUpQuietKeys();
            tellRulesIfCompleted(before);
        }
    }

    /**
     * After a pass off the STREAM_TIME punctuation: when it completed a boundary, the rules fire their
     * deadlines up to it now (the rules' own punctuation for it has already run and found the boundary
     * incomplete, so they would wait for the next). A pass at the punctuation needs no message: the rules'
     * punctuation at the same stream time follows it.
     */
    private void tellRulesIfCompleted(long completeBefore) {
        long complete = policy.completeUpTo();
        if (rulesNode != null && complete > completeBefore) {
            context.forward(new Record<String, AggregateRecord>(null, null, complete), rulesNode);
        }
    }

    private void publishLiveKeys() {
        long n = journal.liveKeys();
        if (n != liveKeysPublished) {
            liveKeysPublished = n;
            liveKeys.lazySet(n);
        }
    }

    /** Keys the quiet-key punctuator has caught up since this instance was created (tests, benchmarks). */
    long keysTouchedByPunctuator() {
        return policy.touched();
    }

    /** Keys rebuilt from the store since this instance was created: cache misses of stored keys (tests, benchmarks). */
    long keysRebuilt() {
        return journal.rebuilds();
    }

    /** The interval below which the store's due index holds no entry, or {@link KeyState#NONE} (tests). */
    long dueFloor() {
        return policy.floorTick();
    }

    /** Live operators held in memory now. */
    int keysCached() {
        return journal.cached();
    }

    @Override
    public void process(Record<String, OperatorInput> record) {
        if (record.value() instanceof AggregateRequest request) {
            policy.answer(request);
            return;
        }
        SignalEvent e = (SignalEvent) record.value();
        policy.observe(e.time());
        apply(e);
        catchUpIfPunctuatedEarly(e.time());
    }

    private void apply(SignalEvent e) {
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
        policy.afterEvent(s); // a new key's first records
        publishLiveKeys();
        if (timed) {
            updateTimer.record(System.nanoTime() - start);
        }
    }
}
