package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.operators.symbol.FixedWidthBins;
import io.entroflow.operators.symbol.NumericSymbolizer;
import io.entroflow.operators.symbol.OrdinalPatterns;
import io.entroflow.schemas.spec.SignalSpec;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.ParsedEvent;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedSignal;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Per key: rejects late events (event time &lt; the key's latest event time &minus; lateness, reason
 * {@code late}) and values not among a signal's fixed {@code values} ({@code out_of_range}), maps a
 * category past a signal's {@code max-categories} M to its overflow symbol M &minus; 1 (the M-th
 * category's, shared by every later one) and counts it ({@link SignalEvent#overflowed}), then resolves every
 * signal to a symbol id or a raw number (categorical ids, fixed-width bins, ordinal patterns,
 * inter-arrival time) and hands the event to every operator processor. Operators over signals of
 * different input topics get, instead of the raw events, the key's aligned samples from its
 * {@link AlignmentBuffer} (spec {@code input.align}).
 *
 * <p>State: {@link SignalState} per key in {@code <monitor>-signals-store} (write-back cache, {@link WriteBackStore}), with
 * a bounded LRU map in front as a cache of decoded states ({@code aggregates.cache-keys} keys), cleared in {@link #init}; the times and tails
 * are put when the event changed them, the categories only when one is added. A key idle for
 * {@code aggregates.expire-after} is forgotten ({@link SignalExpiry}); a key whose every event was
 * dead-lettered here gets no state. The event that closes a live aggregate interval asks for a commit
 * ({@link IntervalCommits}): the interval's aggregates and alerts are readable once its burst is out. O(signals) per event.
 */
final class SignalProcessor implements Processor<String, ParsedEvent, Object, Object> {
    private static final ObjectMapper JSON = JsonSerde.MAPPER;

    private final MonitorPlan plan;
    private final MonitorCounters counters;
    private final String storeName;
    private final String deadLetter;
    private final String[] rawChildren;
    private final String[] alignedChildren;
    private final long alignMillis;
    private final LruCache<SignalState> cache;
    private final LruCache<Map<Integer, OrdinalPatterns>> ordinals;
    /** Whether the last run of {@link #forgetGoneKeys} may have left gone keys behind. */
    private boolean goneBacklog;
    private final SignalExpiry expiry;
    /** Makes a live interval's outputs readable as soon as it closes. */
    private final IntervalCommits commits;
    private final NumericSymbolizer[] bins;
    /** The plan's signals, as an array (no iterator per event). */
    private final PlannedSignal[] signals;
    /** Per signal index: how {@link #accept} resolves it, decided once (the plan's kind tests compare strings). */
    private final Resolution[] resolutions;
    private final Function<String, SignalState> loader = this::load;
    /** Most distinct categories per signal kept as canonical instances ({@link #canonical}). */
    private static final int CANONICAL_LIMIT = 4096;
    private final HashMap<String, String>[] canonicalCategories;
    /** Per signal with fixed {@code values}: value &rarr; its symbol (its first position in the list); else null. */
    private final HashMap<String, Integer>[] fixedSymbols;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;
    /**
     * The keys' time records held back until the store writes through, when it takes deferred writes
     * and the monitor keeps nothing else per event (no ordinal tails, no alignment); else null: put
     * with every event.
     */
    private HeldBackWrites<SignalState> held;
    /** Whether the plan keeps only times per event (the condition for {@link #held}). */
    private final boolean timesOnly;
    // the state the event at hand found and its times, to restore when the event fails half-way
    private SignalState before;
    private long maxTimeBefore;
    private long lastTimeBefore;
    private boolean eventPut;
    private Thread eventThread;
    private long[] eventSlotOfThread;

    /**
     * @param rawChildren     operator nodes fed with every accepted event
     * @param alignedChildren operator nodes fed with the aligned samples
     */
    SignalProcessor(MonitorPlan plan, MonitorCounters counters, String storeName, String deadLetter,
                    List<String> rawChildren, List<String> alignedChildren) {
        this.plan = plan;
        this.counters = counters;
        this.storeName = storeName;
        this.deadLetter = deadLetter;
        this.rawChildren = rawChildren.toArray(new String[0]);
        this.alignedChildren = alignedChildren.toArray(new String[0]);
        this.alignMillis = alignedChildren.isEmpty() ? 0 : plan.spec().input().align().bucketMillis();
        this.signals = plan.signals().toArray(new PlannedSignal[0]);
        this.resolutions = new Resolution[signals.length];
        for (PlannedSignal s : signals) {
            resolutions[s.index()] = Resolution.of(s);
        }
        this.canonicalCategories = newCanonicalMaps(signals.length);
        this.fixedSymbols = fixedSymbols(signals);
        this.cache = new LruCache<>(plan.spec().aggregates().cacheKeys(), this::putIfChanged);
        this.ordinals = new LruCache<>(plan.spec().aggregates().cacheKeys());
        this.expiry = new SignalExpiry(plan.intervalMillis(), plan.expireAfterMillis());
        this.commits = new IntervalCommits(plan.intervalMillis());
        this.timesOnly = this.alignedChildren.length == 0 && plan.signals().stream().noneMatch(PlannedSignal::ordinal);
        this.bins = new NumericSymbolizer[plan.signals().size()];
        for (PlannedSignal s : plan.signals()) {
            if (s.bins()) {
                SignalSpec.SymbolizeSpec y = s.spec().symbolize();
                bins[s.index()] = new FixedWidthBins(y.min(), y.max(), y.bins());
            }
        }
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        DeferredWrites deferred = timesOnly ? DeferredWrites.of(store) : null;
        held = deferred == null ? null : new HeldBackWrites<>(st -> store.put(st.storeKey, st.encode()), cache::size);
        if (deferred != null) {
            deferred.beforeWriteThrough(held::putAll);
        }
        cache.clear();
        ordinals.clear();
        expiry.init(store);
        if (expiry.enabled()) {
            context.schedule(Duration.ofMillis(plan.intervalMillis()), PunctuationType.STREAM_TIME, t -> forgetGoneKeys());
            goneBacklog = true; // unknown after a start: the next run looks
            context.schedule(OperatorProcessor.CATCH_UP_EVERY, PunctuationType.WALL_CLOCK_TIME, t -> {
                if (goneBacklog) {
                    forgetGoneKeys();
                }
            });
        }
    }

    /**
     * The STREAM_TIME punctuator (and, while a run left some, a wall-clock one): deletes the records of
     * at most {@link SignalExpiry#SLICE_KEYS} keys gone by expiry ({@link SignalExpiry}).
     */
    private void forgetGoneKeys() {
        List<String> gone = expiry.gone(SignalExpiry.SLICE_KEYS, this::latestTime);
        goneBacklog = gone.size() == SignalExpiry.SLICE_KEYS;
        for (String entry : gone) {
            String key = StoreKeys.keyOf(SignalExpiry.stateKeyOf(entry));
            discard(cache.remove(key)); // its records go: a held-back change of them too
            ordinals.remove(key);
            expiry.forget(entry);
        }
    }

    @Override
    public void process(Record<String, ParsedEvent> record) {
        commits.observe(context, record.value().time());
        long[] slot = eventSlot();
        counters.beginEvent(slot);
        boolean accepted;
        try {
            accepted = accept(record);
        } catch (RuntimeException ex) {
            // the cached state may be half-changed: dropped, so the key reloads from the store. Every put comes
            // after every computation: held-back times are put first, as before the event if it failed before
            // its put, else as the event left them (as an immediate put would have)
            if (eventPut) {
                putIfChanged(cache.get(record.value().key()));
            } else if (before != null && before.dirty) {
                before.maxTime = maxTimeBefore;
                before.lastTime = lastTimeBefore;
                held.putIfChanged(before);
            }
            cache.remove(record.value().key());
            ordinals.remove(record.value().key());
            counters.endEvent(slot);
            throw ex; // dead-lettered by DeadLetterProcessingHandler
        }
        boolean failedDownstream = counters.endEvent(slot);
        if (accepted && !failedDownstream) {
            counters.countProcessed();
        }
    }

    /** Checks, symbolises, stores and forwards the event; false when it was dead-lettered here. */
    private boolean accept(Record<String, ParsedEvent> record) {
        ParsedEvent e = record.value();
        before = null; // until the key's state is found (its load may fail)
        eventPut = false;
        SignalState cached = cache.computeIfAbsent(e.key(), loader);
        before = cached;
        maxTimeBefore = cached.maxTime;
        lastTimeBefore = cached.lastTime;
        // a key gone by expiry sees the event as its first (its records go once the event is accepted)
        SignalState st = expiry.expired(cached.maxTime, e.time()) ? fresh(cached.key, cached.storeKey) : cached;
        if (st.maxTime != SignalState.NONE && e.time() < st.maxTime - plan.latenessMillis()) {
            String field = plan.spec().input().time().fromField() ? plan.spec().input().time().field() : "(record timestamp)";
            deadLetter(record, new BadEvent(BadEvent.LATE, field, "event time " + e.time() + " is more than "
                    + plan.latenessMillis() + " ms behind the key's latest event time " + st.maxTime));
            return false;
        }
        int n = signals.length;
        // first pass: checks only, so a rejected event changes nothing
        for (PlannedSignal s : signals) {
            if (resolutions[s.index()] != Resolution.FIXED_CATEGORIES || !s.readsFrom(e.topic())) {
                continue;
            }
            String v = (String) e.values().get(s.index());
            if (!fixedSymbols[s.index()].containsKey(v)) {
                deadLetter(record, new BadEvent(BadEvent.OUT_OF_RANGE, s.spec().field(), "signal " + s.name()
                        + ": '" + v + "' is not one of its values"));
                if (cached.maxTime == SignalState.NONE) {
                    cache.remove(e.key()); // a key whose every event was dead-lettered gets no state
                }
                return false;
            }
        }
        long before = st.maxTime;
        if (st != cached) {
            ordinals.remove(e.key()); // built from the gone state's tails
        }
        long[] values = new long[n];
        long present = 0;
        long overflowed = 0;
        for (PlannedSignal s : signals) {
            int i = s.index();
            Resolution r = resolutions[i];
            if (r.readsEvent && !s.readsFrom(e.topic())) {
                continue;
            }
            if (r == Resolution.FIXED_CATEGORIES) {
                values[i] = fixedSymbols[i].get((String) e.values().get(i));
                present |= 1L << i;
                continue;
            }
            if (r == Resolution.OPEN_CATEGORIES) {
                String v = canonical(i, (String) e.values().get(i));
                int id = st.symbolOf(i, v);
                int cap = s.info().alphabetSize();
                if (id < 0 && st.size(i) >= cap) {
                    id = cap - 1; // the overflow symbol: the last category admitted and every later one
                    overflowed |= 1L << i;
                } else if (id < 0) {
                    id = st.add(i, v);
                }
                values[i] = id;
                present |= 1L << i;
                continue;
            }
            if (r == Resolution.JOINT) {
                long symbol = 0;
                boolean all = true;
                for (int part : s.parts()) {
                    all &= (present & (1L << part)) != 0;
                    symbol = symbol * plan.signals().get(part).info().alphabetSize() + values[part];
                }
                if (all) {
                    values[i] = symbol;
                    present |= 1L << i;
                }
                continue;
            }
            double x;
            if (r == Resolution.INTER_ARRIVAL) {
                if (st.lastTime == SignalState.NONE) {
                    continue;
                }
                x = Math.max(0, e.time() - st.lastTime);
            } else {
                x = ((Number) e.values().get(i)).doubleValue();
            }
            if (r == Resolution.BINS) {
                values[i] = bins[i].symbolize(x);
                present |= 1L << i;
            } else if (r == Resolution.ORDINAL) {
                int symbol = ordinal(e.key(), st, s).symbolize(x);
                List<Double> tail = st.tails.computeIfAbsent(i, k -> new ArrayList<>());
                tail.add(x);
                if (tail.size() > tailLength(s)) {
                    tail.remove(0);
                }
                if (symbol != NumericSymbolizer.NO_SYMBOL) {
                    values[i] = symbol;
                    present |= 1L << i;
                }
            } else {
                values[i] = Double.doubleToRawLongBits(x);
                present |= 1L << i;
            }
        }
        long maxTime = Math.max(st.maxTime, e.time());
        boolean changed = maxTime != st.maxTime || e.time() != st.lastTime || !st.tails.isEmpty();
        st.maxTime = maxTime;
        st.lastTime = e.time();
        List<AlignmentBuffer.Sample> aligned = List.of();
        if (alignMillis > 0) {
            if (st.alignment == null) {
                st.alignment = new AlignmentBuffer(alignMillis, n);
            }
            st.alignment.add(e.time(), values, present);
            aligned = st.alignment.close(st.maxTime - plan.latenessMillis());
            changed = true;
        }
        // encode both before any put: a failure changes nothing (a held-back state encodes when put)
        byte[] state = changed && held == null ? st.encode() : null;
        byte[] categories = st.categoriesChanged() ? st.encodeCategories() : null;
        if (st != cached) { // the gone key's records go, in the same step as the fresh state's
            expiry.forget(st.storeKey, cached.maxTime);
            discard(cached);
            cache.put(e.key(), st);
        }
        if (state != null) {
            store.put(st.storeKey, state);
        } else if (changed) {
            held.changed(st);
        }
        eventPut = true;
        if (categories != null) {
            store.put(SignalState.categoriesKey(st.storeKey), categories);
        }
        expiry.accepted(st.storeKey, e.time(), before, st.maxTime);
        if (overflowed != 0) {
            counters.countOverflows(Long.bitCount(overflowed));
        }
        forward(new SignalEvent(st.key, e.time(), values, present, e.topic(), e.partition(), e.offset(), overflowed),
                rawChildren);
        for (AlignmentBuffer.Sample a : aligned) {
            forward(new SignalEvent(st.key, a.time(), a.values(), a.present(), e.topic(), e.partition(), e.offset()),
                    alignedChildren);
        }
        return true;
    }

    /**
     * The processor's instance of a category of signal {@code i} (the first one seen), so that a
     * key's {@link SignalState#symbolOf} finds it by identity; {@code v} itself once the signal has
     * {@link #CANONICAL_LIMIT} distinct categories (bounded memory whatever the cardinality).
     */
    private String canonical(int i, String v) {
        HashMap<String, String> m = canonicalCategories[i];
        String c = m.get(v);
        if (c == null && m.size() < CANONICAL_LIMIT) {
            m.put(v, v);
            c = v;
        }
        return c == null ? v : c;
    }

    /** How a signal's value is found: decided once per signal from the plan. */
    private enum Resolution {
        /** Categorical with a fixed {@code values} list: the value's position in it. */
        FIXED_CATEGORIES(true),
        /** Categorical without one: the key's id of the category, assigned on first appearance. */
        OPEN_CATEGORIES(true),
        /** The mixed-radix combination of its parts' symbols (never read from the event). */
        JOINT(false),
        /** The time since the key's previous event (never read from the event). */
        INTER_ARRIVAL(false),
        /** A number, to its fixed-width bin. */
        BINS(true),
        /** A number, to the ordinal pattern it completes. */
        ORDINAL(true),
        /** A number, as it is (its raw bits). */
        NUMBER(true);

        /** Whether the value comes from the event (so only from its signal's input topic). */
        final boolean readsEvent;

        Resolution(boolean readsEvent) {
            this.readsEvent = readsEvent;
        }

        static Resolution of(PlannedSignal s) {
            if (s.categorical()) {
                return s.openCategories() ? OPEN_CATEGORIES : FIXED_CATEGORIES;
            }
            return s.joint() ? JOINT : s.interArrival() ? INTER_ARRIVAL : s.bins() ? BINS : s.ordinal() ? ORDINAL : NUMBER;
        }
    }

    private void forward(SignalEvent event, String[] children) {
        Record<Object, Object> r = new Record<>(event.key(), event, event.time());
        for (String child : children) {
            context.forward(r, child);
        }
    }

    @SuppressWarnings("unchecked")
    private static HashMap<String, Integer>[] fixedSymbols(PlannedSignal[] signals) {
        HashMap<String, Integer>[] maps = new HashMap[signals.length];
        for (PlannedSignal s : signals) {
            if (s.categorical() && !s.openCategories()) {
                HashMap<String, Integer> m = new HashMap<>();
                List<String> values = s.spec().values();
                for (int k = 0; k < values.size(); k++) {
                    m.putIfAbsent(values.get(k), k); // List.indexOf's symbol: the first position
                }
                maps[s.index()] = m;
            }
        }
        return maps;
    }

    @SuppressWarnings("unchecked")
    private static HashMap<String, String>[] newCanonicalMaps(int n) {
        HashMap<String, String>[] maps = new HashMap[n];
        Arrays.setAll(maps, i -> new HashMap<>());
        return maps;
    }

    private static int tailLength(PlannedSignal s) {
        SignalSpec.SymbolizeSpec y = s.spec().symbolize();
        int delay = y.delay() == null ? 1 : y.delay();
        return (y.dimension() - 1) * delay + 1;
    }

    private OrdinalPatterns ordinal(String key, SignalState st, PlannedSignal s) {
        return ordinals.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(s.index(), i -> {
            SignalSpec.SymbolizeSpec y = s.spec().symbolize();
            OrdinalPatterns p = new OrdinalPatterns(y.dimension(), y.delay() == null ? 1 : y.delay());
            for (double v : st.tails.getOrDefault(i, List.of())) {
                p.symbolize(v);
            }
            return p;
        });
    }

    private void deadLetter(Record<String, ParsedEvent> record, BadEvent bad) {
        ParsedEvent e = record.value();
        counters.countDeadLetter(bad.reason());
        byte[] value;
        try {
            value = JSON.writeValueAsBytes(e);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
        context.forward(DeadLetters.record(StoreKeys.bytes(e.key()), value, e.time(),
                record.headers(), bad, e.topic(), e.partition(), e.offset()), deadLetter);
    }

    /** The counters' event slot of the thread running this processor (looked up again if the thread changed). */
    private long[] eventSlot() {
        Thread t = Thread.currentThread();
        if (t != eventThread) {
            eventSlotOfThread = counters.eventSlot();
            eventThread = t;
        }
        return eventSlotOfThread;
    }

    /** Puts the state's held-back times, if any (it leaves the cache). */
    private void putIfChanged(SignalState st) {
        if (held != null && st != null) {
            held.putIfChanged(st);
        }
    }

    /** Drops the state's held-back times, if any (its records were deleted). */
    private void discard(SignalState st) {
        if (held != null && st != null) {
            held.discard(st);
        }
    }

    private static SignalState fresh(String key, String storeKey) {
        SignalState st = new SignalState();
        st.key = key;
        st.storeKey = storeKey;
        return st;
    }

    /** The latest accepted event time of the key with state key {@code storeKey} ({@link SignalState#NONE}: none). */
    private long latestTime(String storeKey) {
        SignalState cached = cache.get(StoreKeys.keyOf(storeKey));
        return cached != null ? cached.maxTime : SignalState.decode(store.get(storeKey), null).maxTime;
    }

    private SignalState load(String key) {
        String storeKey = SignalState.stateKey(key);
        byte[] state = store.get(storeKey);
        // the categories are put with (or after) the state record and deleted with it: no state, no categories
        // (not looked up then: a new key's read of an absent record is the store's slowest read)
        SignalState st = SignalState.decode(state, state == null ? null : store.get(SignalState.categoriesKey(storeKey)));
        st.storeKey = storeKey;
        st.key = key;
        return st;
    }
}
