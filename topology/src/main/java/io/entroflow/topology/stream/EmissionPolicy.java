package io.entroflow.topology.stream;

import io.entroflow.operators.window.Window;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * When an operator's aggregates are emitted, for which time, and over which events: interval
 * boundaries in event time, quiet keys, key expiry and on-demand answers. Reads and writes the
 * keys' state through a {@link KeyJournal}; forwards {@link AggregateRecord}s to the processor's
 * children.
 *
 * <p><b>Which boundaries.</b> With {@code aggregates.emit: every-interval} a key emits at every
 * boundary once it has been seen. With {@code on-change} (the default) the aggregate at b is emitted
 * only when it differs from the key's previous interval aggregate: the key got events since then, or
 * (time windows) an event entered or left its window between the two boundaries; so the emitted
 * aggregates are exactly the every-interval ones whose {@code events} or {@code events_seen} changed
 * (a value is a function of the window's contents, so the dropped ones repeat the previous value).
 * A key is in the store's due index (tick, key) at the next boundary where it may have something to
 * emit (its next boundary after an event, the boundary where its time window next changes, its expiry
 * boundary), and the punctuator range-scans only the keys due now ({@link #catchUpQuietKeys}): its
 * work per interval is proportional to the keys with something to do, not to all keys.
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
 * <p>With {@code aggregates.expire-after} = x (default 24h), a key whose latest event time is x or more behind an
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
 * <p><b>In slices.</b> One punctuation catches up at most {@link #SLICE_KEYS} due keys; the rest
 * of an interval's due keys follow in later slices ({@link #continueCatchUp}, on a wall-clock
 * punctuator between record batches) and all of them before the task's stream time enters a later
 * interval ({@link #observe}). A task's transaction then stays short however many keys fall due at
 * once (200,000 new keys due at one boundary took longer than Kafka Streams' 10 s transaction
 * timeout in one punctuation and got the thread fenced, over and over); the aggregates are the same,
 * since a key's state cannot change before it is caught up.
 *
 * <p>Cost: O(1) per event when no boundary is crossed (plus, at a key's first event after a quiet
 * interval, and every {@link #STALE_LAG} intervals for a key busy in every one, one move of its
 * due-index entry); one aggregate (plus, for a time window, one replay of the key's
 * journalled events, read once per catch-up: {@link JournalEvents}, no read when the key was just rebuilt)
 * per boundary emitted; the punctuator reads one range of the due index and the keys in it
 * (with {@code every-interval}: every key); an answer for every key scans the store's meta records. Not thread-safe: owned by one processor instance on its stream thread.
 */
final class EmissionPolicy {
    /** At most this many intervals are emitted for one key in one catch-up (a jump of stream time). */
    static final int MAX_CATCH_UP = 1_000;
    /** At most this many due keys are caught up in one punctuation (one slice). */
    static final int SLICE_KEYS = 2_048;
    /**
     * On change, a key's due-index entry may lag this many intervals behind the key (stale: at or below
     * its last interval) before a pass moves it: a key with events in every interval keeps its entry
     * where it is, and its events put nothing into the index, instead of moving it (a deletion and a
     * put in the store and its changelog) every interval. The scans start this many intervals below the
     * last complete pass's target ({@link #floorTick}), so they step over the deletions of that many
     * intervals.
     */
    static final int STALE_LAG = 16;
    private static final long NONE = KeyState.NONE;

    private final String monitor;
    private final PlannedOperator op;
    private final List<String> signalNames;
    private final long interval;
    private final long expireAfter;
    /** {@link PlannedOperator#warmUpEvents}: below it an aggregate is {@code warming_up}. */
    private final long warmUpEvents;
    private final boolean everyInterval;
    /** Time windows: the span in ms; else 0 (the window's contents change only with the key's events). */
    private final long span;
    private final KeyJournal journal;
    /** Keys one slice of {@link #catchUpQuietKeys} catches up at most. */
    private final int sliceKeys;
    private ProcessorContext<String, AggregateRecord> context;
    private long highWater = NONE;
    private boolean highWaterLoaded;
    private boolean indexChecked;
    /** Whether due keys may be left behind the last slice (also after a start: unknown until a slice looks). */
    private boolean backlog;
    /**
     * The last entry read by a full slice, where the next slice of the same interval ({@link #resumeTarget})
     * resumes; null: from the first entry. A full slice moves every entry it reads out of the range, so
     * the next one would find the same first entries, but only after stepping over their deletions,
     * which the store keeps until it compacts: a backlog of n due keys cost O(n<sup>2</sup> / slice)
     * skipped deletions (a tenth of the stream thread at 200,000 keys due at once).
     */
    private String resumeAfter;
    private long resumeTarget;
    /**
     * The interval below which the due index holds no entry, or NONE (unknown: since the start). On
     * change: the target of the last complete pass minus {@link #STALE_LAG}, plus one: a complete pass
     * (the slices of one target) reads every entry from the floor up to its target and moves every
     * one it finds at or below target &minus; {@link #STALE_LAG}, and the entries put after it lie beyond
     * its target. Every interval: the target of the complete pass before the last one, plus one (a pass
     * moves every entry it reads; what it leaves at or below its target are the entries put since the
     * pass before it, all beyond that pass's target). Scans start there,
     * not at the index's first entry: the deletions the store keeps until it compacts lie below it
     * (with one new key per event, every key's entry moves after its first aggregate, so a scan from the
     * first entry stepped over deletions in proportion to all keys seen).
     */
    private long floorTick = NONE;
    /** The target of the last complete pass, or NONE. */
    private long lastComplete = NONE;
    /** {@link #completeUpTo}: set by the last catch-up that left no due key behind. */
    private long complete = Long.MIN_VALUE;
    /** Keys the punctuator has caught up since the start (tests and benchmarks: its work). */
    private long touched;

    /** Every-interval emission (the behaviour before {@code aggregates.emit}). */
    EmissionPolicy(String monitor, PlannedOperator op, long intervalMillis, long expireAfterMillis, KeyJournal journal) {
        this(monitor, op, intervalMillis, expireAfterMillis, true, SLICE_KEYS, journal);
    }

    /**
     * @param intervalMillis    aggregate interval, &gt; 0
     * @param expireAfterMillis {@code aggregates.expire-after}, 0 = keys never expire
     * @param everyInterval     {@code aggregates.emit: every-interval}; false: on change
     * @param sliceKeys         due keys caught up in one punctuation at most ({@link #SLICE_KEYS}), &gt; 0
     */
    EmissionPolicy(String monitor, PlannedOperator op, long intervalMillis, long expireAfterMillis,
                   boolean everyInterval, int sliceKeys, KeyJournal journal) {
        if (sliceKeys <= 0) {
            throw new IllegalArgumentException("sliceKeys must be > 0: " + sliceKeys);
        }
        this.sliceKeys = sliceKeys;
        this.monitor = monitor;
        this.op = op;
        this.signalNames = op.context().spec().signals();
        this.interval = intervalMillis;
        this.expireAfter = expireAfterMillis;
        this.warmUpEvents = op.warmUpEvents();
        this.everyInterval = everyInterval;
        this.span = op.window() instanceof Window.Time t ? t.spanMillis() : 0;
        this.journal = journal;
    }

    /** Attaches the context aggregates are forwarded to; the high-water mark is re-read from the store on next use. */
    void init(ProcessorContext<String, AggregateRecord> context) {
        this.context = context;
        highWaterLoaded = false;
        indexChecked = false;
        backlog = true; // a task restored mid-backlog: the next slice looks
        resumeAfter = null;
        floorTick = NONE;
        lastComplete = NONE;
        complete = Long.MIN_VALUE;
    }

    /** An event with event time {@code time} arrived: advances (and puts) the high-water mark. */
    void observe(long time) {
        loadHighWater();
        if (backlog && highWater != NONE && Math.floorDiv(time, interval) > Math.floorDiv(highWater, interval)) {
            while (backlog) {
                catchUpQuietKeys(); // every key due at the current interval, before stream time leaves it
            }
        }
        if (time > highWater) {
            if (highWater == NONE) {
                journal.markIndexed(); // a store created with the due index
            }
            highWater = time;
            journal.putHighWater(highWater);
        }
    }

    /**
     * Before the key's event changes its state: emits the key's state at every boundary it is
     * behind (expiring it there if it is due) and returns the state the event goes into. A key not
     * seen before gets no record here: {@link #afterEvent} writes its first, so a key whose event
     * fails gets no state.
     */
    KeyState beforeEvent(String key) {
        KeyState s = journal.state(key);
        long target = Math.floorDiv(highWater, interval);
        if (s.lastTick == NONE) {
            s.lastTick = target;
        } else if (target > s.lastTick) {
            JournalEvents events = span > 0 ? journal.events(s) : null;
            if (catchUp(key, s, target, events, null)) {
                forget(key, s, events);
                s = journal.fresh(key);
                s.lastTick = target;
            } else {
                journal.putLastTick(s); // with the chunk's header: its provenance starts afresh after an aggregate
            }
        }
        return s;
    }

    /** After the key's event was journalled: the key is due at its next boundary (it has new events to emit). */
    void afterEvent(KeyState s) {
        if (!everyInterval && s.dueTick != NONE && s.dueTick <= s.lastTick) {
            return; // a stale entry: the next pass finds the key there (no entry lies below the floor)
        }
        journal.schedule(s, s.lastTick + 1);
    }

    /**
     * The STREAM_TIME punctuator, one slice: the first {@link #SLICE_KEYS} keys due at or before the
     * interval of the task's event-time high-water mark (one range scan of the due index) emit what
     * changed at the boundaries they are behind, re-put their last chunk (its header holds their last
     * interval and, after an aggregate, a fresh provenance) and are scheduled at
     * their next due boundary. A key's state has not changed since the boundary was crossed (its own
     * next event would have caught it up first), so the output does not depend on when this runs.
     *
     * <p>On change, when the slice holds every key due (no backlog), a key caught up here keeps its
     * due-index entry where it is (at or before its last interval: "stale") unless the entry lies
     * {@link #STALE_LAG} intervals or more below the target, and a key's event leaves a stale entry where
     * it is too ({@link #afterEvent}): the scans reach it, as they start at most {@link #STALE_LAG}
     * intervals lower. A scan that finds an entry stale takes the key's next due boundary (the one it
     * would have been moved to at once): if that is not reached yet, it moves the entry there (or
     * deletes it: nothing due), unless it is the key's next boundary (events since its catch-up) and
     * the entry within the lag: then it stays; else it catches the key up there (in a full slice: if
     * it falls within the slice; else moved, for a later slice). So the entry of a key busy in every
     * interval moves once per {@link #STALE_LAG} intervals instead of once per interval. The keys are
     * caught up in the order of their due boundaries then store keys, as if every entry had been
     * moved at once. A full slice's successor resumes the scan after its last entry;
     * a first slice starts at the lowest interval that can hold an entry ({@link #floorTick}).
     */
    void catchUpQuietKeys() {
        loadHighWater();
        if (highWater == NONE) {
            backlog = false;
            return;
        }
        if (!indexChecked) {
            journal.indexKeysOnce();
            indexChecked = true;
        }
        long target = Math.floorDiv(highWater, interval);
        if (caughtUpTo(target)) {
            return;
        }
        List<String> entries = journal.dueEntries(target, sliceKeys, resumeTarget == target ? resumeAfter : null,
                floorTick);
        backlog = entries.size() == sliceKeys;
        if (!backlog) {
            complete = target * interval; // every key due up to target is caught up by the end of this call
            floorTick = everyInterval ? (lastComplete == NONE ? NONE : lastComplete + 1) : target - STALE_LAG + 1;
            lastComplete = target;
        }
        // a full slice moves every entry it reads out of the range (the next slice resumes after them)
        boolean leaveStale = !everyInterval && !backlog;
        String lastRead = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        resumeAfter = backlog ? lastRead : null;
        resumeTarget = target;
        List<Due> due = new ArrayList<>(entries.size());
        boolean ordered = true;
        for (String entry : entries) {
            String key = Journal.keyOfDue(entry);
            KeyState s = journal.state(key);
            if (s.lastTick == NONE) {
                journal.deleteDueEntry(entry); // no state behind it
                journal.evict(key);
                continue;
            }
            JournalEvents events = span > 0 && !everyInterval ? journal.events(s) : null;
            WindowTicks times = events != null ? windowTicks(events) : null;
            long tick = Journal.tickOfDue(entry);
            if (tick <= s.lastTick && !everyInterval) { // stale: the key is due where its last catch-up left it
                if (s.dueTick != tick) {
                    journal.deleteDueEntry(entry); // not the key's entry (none is written so; a guard, not a path)
                }
                long next = nextDue(s, times);
                if (next == NONE || next > target) {
                    if (next != s.lastTick + 1 || beyondLag(tick, target)) {
                        journal.schedule(s, next); // else left: the next pass reaches its next due boundary there
                    }
                    continue;
                }
                entry = Journal.dueKey(next, key);
                if (backlog && entry.compareTo(lastRead) > 0) {
                    journal.schedule(s, next); // beyond this slice: a later one reaches it in order
                    continue;
                }
                ordered &= due.isEmpty() || due.get(due.size() - 1).entry.compareTo(entry) <= 0;
                due.add(new Due(entry, key, events, times, tick));
                continue;
            }
            due.add(new Due(entry, key, events, times, tick));
        }
        if (!ordered) {
            due.sort(Comparator.comparing(Due::entry));
        }
        for (Due d : due) {
            touched++;
            KeyState s = journal.state(d.key);
            if (target > s.lastTick) {
                JournalEvents events = d.events != null || span == 0 ? d.events : journal.events(s);
                if (catchUp(d.key, s, target, events, d.times)) {
                    forget(d.key, s, events); // its next event starts it afresh, as after a restart
                    continue;
                }
            }
            journal.putLastTick(s);
            if (!leaveStale || beyondLag(d.tick, target)) { // the next scans start above it (floorTick)
                journal.schedule(s, nextDue(s, d.times));
            }
        }
    }

    /** Whether a due-index entry at {@code tick} lies {@link #STALE_LAG} intervals or more below {@code target}: it moves. */
    private static boolean beyondLag(long tick, long target) {
        return tick <= target - STALE_LAG;
    }

    /**
     * A due-index entry (as if at the key's due boundary), its event key, for a time window on change
     * its journalled events and where the window changes, and the interval of the key's entry as found.
     */
    private record Due(String entry, String key, JournalEvents events, WindowTicks times, long tick) {
    }

    /** The wall-clock punctuator: the next slice of due keys, if the last slice may have left some. */
    void continueCatchUp() {
        if (backlog) {
            catchUpQuietKeys();
        }
    }

    /**
     * The boundary up to which every key's interval aggregates are emitted: the target of the last
     * catch-up ({@link #catchUpQuietKeys}, {@link #continueCatchUp}) that left no due key behind, or
     * {@code Long.MIN_VALUE} since the start. A key's later events only change later boundaries, so it
     * stays true. The rules' timers fire up to it.
     */
    long completeUpTo() {
        return complete;
    }

    /** The interval below which the due index holds no entry ({@link #floorTick}), or {@link KeyState#NONE}: unknown. */
    long floorTick() {
        return floorTick;
    }

    /**
     * Whether the high-water mark has reached an interval past the last complete pass's target while no
     * slice is left: a pass ({@link #catchUpQuietKeys}) would start on a new boundary. (A slice left is
     * finished by the wall-clock punctuator, or by {@link #observe} before the high-water mark moves on.)
     * O(1).
     */
    boolean newBoundaryDue() {
        loadHighWater();
        return highWater != NONE && !backlog && !caughtUpTo(Math.floorDiv(highWater, interval));
    }

    /**
     * Whether every key due up to {@code target} is caught up: no slice is left and the last complete
     * pass reached it. No key becomes due there afterwards (events schedule a key after its last
     * interval, new keys start at the high-water mark's), so a pass to it would read keys and emit nothing.
     */
    private boolean caughtUpTo(long target) {
        return !backlog && target <= lastComplete;
    }

    /** Keys the punctuator has caught up since this policy was created. */
    long touched() {
        return touched;
    }

    /** Emits the requested key's (or every key's) aggregate as of the task's stream time; changes no state. */
    void answer(AggregateRequest request) {
        loadHighWater();
        if (highWater == NONE) {
            return;
        }
        List<String> keys = request.key() == null ? journal.keys()
                : journal.contains(request.key()) ? List.of(request.key()) : List.of();
        for (String key : keys) {
            KeyState s = journal.state(key);
            OperatorResult r = s.operator.result();
            if (op.window() instanceof Window.Time t) {
                OperatorResult w = timeWindowAt(journal.events(s), highWater + 1, t.spanMillis());
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
     * Catches the key up from its last interval to {@code target} &gt; it (at most the last
     * {@link #MAX_CATCH_UP} boundaries): with every-interval emission it emits at each boundary; on
     * change, at the first boundary when the key has events since its last aggregate and at each
     * boundary where its time window's event count differs from the previous one considered (only
     * those are visited). True when the key {@link #expired} at a boundary (its last one then; both
     * paths stop at the same boundary); else its last interval is {@code target}. {@code events}: the
     * key's journalled events (time windows; else null); {@code times}: where its time window changes
     * (on change), or null to take them from {@code events}.
     */
    private boolean catchUp(String key, KeyState s, long target, JournalEvents events, WindowTicks times) {
        long from = Math.max(s.lastTick + 1, target - MAX_CATCH_UP + 1);
        if (everyInterval) {
            for (long tick = from; tick <= target; tick++) {
                emit(key, s, tick * interval, AggregateRecord.INTERVAL, events);
                s.source.restart();
                s.lastTick = tick;
                if (expired(s)) {
                    return true;
                }
            }
            return false;
        }
        if (span > 0 && times == null) {
            times = windowTicks(events);
        }
        boolean dirty = !s.source.isEmpty();
        long before = s.lastTick;
        for (long tick = from; tick <= target; tick = nextCandidate(s, times, tick)) {
            boolean changed = tick == from && dirty
                    || span > 0 && times.count(tick) != times.count(before);
            if (changed) {
                emit(key, s, tick * interval, AggregateRecord.INTERVAL, events);
                s.source.restart();
            }
            s.lastTick = tick;
            if (expired(s)) {
                return true;
            }
            before = tick;
        }
        s.lastTick = target;
        return false;
    }

    /**
     * The next boundary after {@code tick} where an on-change catch-up has to look: the next where
     * an event enters or leaves the key's time window, or the key expires; {@code Long.MAX_VALUE}: none.
     */
    private long nextCandidate(KeyState s, WindowTicks times, long tick) {
        long next = Long.MAX_VALUE;
        if (expireAfter > 0 && s.maxTime != NONE) {
            long expiry = -Math.floorDiv(-(s.maxTime + expireAfter), interval);
            if (expiry > tick) {
                next = expiry;
            }
        }
        return times == null ? next : Math.min(next, times.next(tick));
    }

    /** Where the key's time window changes, from its journalled events. */
    private WindowTicks windowTicks(JournalEvents events) {
        return new WindowTicks(events.times(), span, interval);
    }

    /**
     * The boundary at which the key, caught up to its last interval, is next due: every-interval: the
     * next one; on change: the next where its time window changes or it expires, or none.
     */
    private long nextDue(KeyState s, WindowTicks times) {
        if (everyInterval || !s.source.isEmpty()) {
            return s.lastTick + 1; // every key, or one with events not yet in an aggregate
        }
        long next = nextCandidate(s, times, s.lastTick);
        return next == Long.MAX_VALUE ? NONE : next;
    }

    /** Whether the key, caught up to its last boundary, is more than expire-after behind it. */
    private boolean expired(KeyState s) {
        return expireAfter > 0 && s.maxTime != NONE && s.maxTime <= s.lastTick * interval - expireAfter;
    }

    /**
     * Forgets an expired key at its last boundary b: emits its last aggregate there (trigger
     * {@link AggregateRecord#EXPIRED}, which makes the rules resolve its firing alerts), then deletes
     * its journal, checkpoint, meta record and due-index entry. {@code events}: as for {@link #emit}.
     */
    private void forget(String key, KeyState s, JournalEvents events) {
        emit(key, s, s.lastTick * interval, AggregateRecord.EXPIRED, events);
        journal.delete(s);
    }

    /** Forwards the key's aggregate at {@code time}; {@code events}: its journalled events (time windows; else unused). */
    private void emit(String key, KeyState s, long time, String trigger, JournalEvents events) {
        OperatorResult r = op.window() instanceof Window.Time t ? timeWindowAt(events, time, t.spanMillis())
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
     * A time window evaluated at boundary {@code time}: the key's journalled {@code events} with event time
     * in (time &minus; span, time), replayed in arrival order into a fresh operator; bounds
     * [time &minus; span + 1, time]. (The live operator's window is relative to the key's own latest
     * event, which for a quiet key lies in the past.) O(journal) per call, no store read.
     */
    private OperatorResult timeWindowAt(JournalEvents events, long time, long span) {
        long cutoff = time - span;
        OperatorResult r = events.replay(op, cutoff, time).result();
        return new OperatorResult(r.value(), r.unit(), cutoff + 1, time, r.events(), r.pValue(), r.regime());
    }
}
