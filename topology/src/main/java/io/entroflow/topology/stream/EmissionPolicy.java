package io.entroflow.topology.stream;

import io.entroflow.operators.window.Window;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.List;

/**
 * When an operator's aggregates are emitted, for which time, and over which events: interval
 * boundaries in event time, quiet keys, key expiry and on-demand answers. Reads and writes the
 * keys' state through a {@link KeyJournal}; forwards {@link AggregateRecord}s to the processor's
 * children.
 *
 * <p>Aggregates advance on the task's stream time, kept as the largest event time this processor
 * has seen in its task (the high-water mark, in the store, changelogged). For every key and every
 * interval boundary b = n &middot; interval, exactly one aggregate stamped b is emitted: the key's
 * state after the events that arrived before the record that first brought the high-water mark to
 * b or beyond. A key's own event first emits the boundaries it is behind (its state before the
 * event, {@link #beforeEvent}); a STREAM_TIME punctuator at the interval emits them for keys that
 * stay quiet ({@link #catchUpQuietKeys}). Either way the key's state is the same, so the aggregates
 * do not depend on when the punctuator runs, and a restart reproduces them. Count windows keep their
 * last N events (a quiet key's value is unchanged); a time window is evaluated at b over the
 * journalled events in (b &minus; span, b). At most {@link #MAX_CATCH_UP} boundaries are emitted per
 * key when the high-water mark jumps. Decay and cumulative windows report the state after the key's
 * last event before b, not decayed further to b: a common decay factor leaves the distribution, and
 * so every plug-in value, unchanged; only the effective sample size (Miller&ndash;Madow term,
 * p-values) is as of that last event.
 *
 * <p>With {@code aggregates.expire-after} = x, a key whose latest event time is x or more behind an
 * interval boundary b it reaches is forgotten there (by either path, at the same b): after the
 * aggregate stamped b it emits one more, stamped b and marked {@link AggregateRecord#EXPIRED}, and
 * deletes its journal, checkpoint and meta record; its next event starts it afresh.
 *
 * <p>On demand ({@link AggregateRequest}, from the requests topic) it emits, for the requested key
 * or for every key of the task, the aggregate as of now, stamped with the task's stream time and
 * marked {@link AggregateRecord#REQUEST}; a time window is evaluated over the events in
 * [stream time + 2 &minus; span, stream time], as wide as at an interval boundary. Answers change no
 * state, so the interval aggregates and the alerts are the same with or without requests.
 *
 * <p>Cost: O(1) per event when no boundary is crossed; one aggregate (plus, for a time window, one
 * replay of the key's journal) per boundary emitted; the punctuator and an answer for every key scan
 * the store's meta records. Not thread-safe: owned by one processor instance on its stream thread.
 */
final class EmissionPolicy {
    /** At most this many intervals are emitted for one key in one catch-up (a jump of stream time). */
    static final int MAX_CATCH_UP = 1_000;
    private static final long NONE = KeyState.NONE;

    private final String monitor;
    private final PlannedOperator op;
    private final List<String> signalNames;
    private final long interval;
    private final long expireAfter;
    /** {@link PlannedOperator#warmUpEvents}: below it an aggregate is {@code warming_up}. */
    private final long warmUpEvents;
    private final KeyJournal journal;
    private ProcessorContext<String, AggregateRecord> context;
    private long highWater = NONE;
    private boolean highWaterLoaded;

    /**
     * @param intervalMillis    aggregate interval, &gt; 0
     * @param expireAfterMillis {@code aggregates.expire-after}, 0 = keys never expire
     */
    EmissionPolicy(String monitor, PlannedOperator op, long intervalMillis, long expireAfterMillis, KeyJournal journal) {
        this.monitor = monitor;
        this.op = op;
        this.signalNames = op.context().spec().signals();
        this.interval = intervalMillis;
        this.expireAfter = expireAfterMillis;
        this.warmUpEvents = op.warmUpEvents();
        this.journal = journal;
    }

    /** Attaches the context aggregates are forwarded to; the high-water mark is re-read from the store on next use. */
    void init(ProcessorContext<String, AggregateRecord> context) {
        this.context = context;
        highWaterLoaded = false;
    }

    /** An event with event time {@code time} arrived: advances (and puts) the high-water mark. */
    void observe(long time) {
        loadHighWater();
        if (time > highWater) {
            highWater = time;
            journal.putHighWater(highWater);
        }
    }

    /**
     * Before the key's event changes its state: emits the key's state at every boundary it is
     * behind (expiring it there if it is due) and returns the state the event goes into.
     */
    KeyState beforeEvent(String key) {
        KeyState s = journal.state(key);
        long target = Math.floorDiv(highWater, interval);
        if (s.lastTick == NONE) {
            s.lastTick = target;
            journal.putLastTick(s);
        } else if (catchUp(key, s, target)) {
            if (expired(s)) {
                forget(key, s);
                s = journal.fresh(key);
                s.lastTick = target;
            }
            journal.putLastTick(s);
        }
        return s;
    }

    /**
     * The STREAM_TIME punctuator: every key of the task whose last emitted interval is behind the
     * task's event-time high-water mark emits the intervals that closed. Scans the store's meta
     * records (one per key) and re-puts the last chunk of each key it catches up (its provenance
     * header starts afresh after an aggregate); a key's state has not changed since the boundary was
     * crossed (its own next event would have caught it up first), so the output does not depend on
     * when this runs.
     */
    void catchUpQuietKeys() {
        loadHighWater();
        if (highWater == NONE) {
            return;
        }
        long target = Math.floorDiv(highWater, interval);
        for (String key : journal.keys(lastTick -> lastTick < target)) {
            KeyState s = journal.state(key);
            if (!catchUp(key, s, target)) {
                continue;
            }
            if (expired(s)) {
                forget(key, s); // its next event starts it afresh, as after a restart
                continue;
            }
            journal.putLastTick(s);
            journal.putChunk(s);
        }
    }

    /** Emits the requested key's (or every key's) aggregate as of the task's stream time; changes no state. */
    void answer(AggregateRequest request) {
        loadHighWater();
        if (highWater == NONE) {
            return;
        }
        List<String> keys = request.key() == null ? journal.keys(lastTick -> true)
                : journal.contains(request.key()) ? List.of(request.key()) : List.of();
        for (String key : keys) {
            KeyState s = journal.state(key);
            OperatorResult r = s.operator.result();
            if (op.window() instanceof Window.Time t) {
                OperatorResult w = timeWindowAt(key, highWater + 1, t.spanMillis());
                r = new OperatorResult(w.value(), w.unit(), w.windowStart(), highWater, w.events(), w.pValue(), w.regime());
            }
            context.forward(new Record<>(key, aggregate(s, highWater, r, AggregateRecord.REQUEST), highWater));
        }
    }

    private void loadHighWater() {
        if (!highWaterLoaded) {
            highWater = journal.highWater();
            highWaterLoaded = true;
        }
    }

    /**
     * Emits the key's aggregate at each interval boundary in (lastTick, target] (the last
     * {@link #MAX_CATCH_UP}); true when it emitted (lastTick and the provenance changed). Stops at
     * the first boundary where the key {@link #expired}, so both paths expire it at the same boundary.
     */
    private boolean catchUp(String key, KeyState s, long target) {
        if (target <= s.lastTick) {
            return false;
        }
        long from = Math.max(s.lastTick + 1, target - MAX_CATCH_UP + 1);
        for (long tick = from; tick <= target; tick++) {
            emit(key, s, tick * interval, AggregateRecord.INTERVAL);
            s.source.restart();
            s.lastTick = tick;
            if (expired(s)) {
                return true;
            }
        }
        return true;
    }

    /** Whether the key, caught up to its last boundary, is more than expire-after behind it. */
    private boolean expired(KeyState s) {
        return expireAfter > 0 && s.maxTime != NONE && s.maxTime <= s.lastTick * interval - expireAfter;
    }

    /**
     * Forgets an expired key at its last boundary b: emits its last aggregate there (trigger
     * {@link AggregateRecord#EXPIRED}, which makes the rules resolve its firing alerts), then deletes
     * its journal, checkpoint and meta record.
     */
    private void forget(String key, KeyState s) {
        emit(key, s, s.lastTick * interval, AggregateRecord.EXPIRED);
        journal.delete(key);
    }

    private void emit(String key, KeyState s, long time, String trigger) {
        OperatorResult r = op.window() instanceof Window.Time t ? timeWindowAt(key, time, t.spanMillis())
                : s.operator.result();
        context.forward(new Record<>(key, aggregate(s, time, r, trigger), time));
    }

    private AggregateRecord aggregate(KeyState s, long time, OperatorResult r, String trigger) {
        return new AggregateRecord(monitor, s.key, op.name(), op.type(), signalNames, time, r.value(),
                r.unit(), r.windowStart(), r.windowEnd(), r.events(), s.eventsSeen, r.pValue(), r.regime(),
                s.source.provenance(), trigger, s.overflowed == 0 ? null : s.overflowed,
                r.events() < warmUpEvents ? Boolean.TRUE : null, null);
    }

    /**
     * A time window evaluated at boundary {@code time}: the key's journalled events with event time
     * in (time &minus; span, time), replayed in arrival order into a fresh operator; bounds
     * [time &minus; span + 1, time]. (The live operator's window is relative to the key's own latest
     * event, which for a quiet key lies in the past.) O(window) per call.
     */
    private OperatorResult timeWindowAt(String key, long time, long span) {
        long cutoff = time - span;
        OperatorResult r = journal.replay(key, cutoff, time).result();
        return new OperatorResult(r.value(), r.unit(), cutoff + 1, time, r.events(), r.pValue(), r.regime());
    }
}
