package io.entroflow.topology.stream;

import io.entroflow.operators.Theories;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.stream.OperatorProcessorRestartTest.Harness;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * On-change emission ({@code aggregates.emit: on-change}), the due index and the bounded cache of
 * live operators, against the every-interval emission they replace: the on-change aggregates are
 * exactly the every-interval ones whose {@code events} or {@code events_seen} changed since the
 * key's previous interval aggregate (every expiry kept), wherever the punctuator runs, after
 * restarts and with a cache of one key; the punctuator reads only the keys that are due.
 */
class BoundedEmissionProperties {
    private static final String[] WINDOWS = {"{count: 16}", "{time: 2s}", "{decay: {half-life: 20}}",
        "{cumulative: true}"};

    /** Keys k0..k3 each on and off in event time (their own period), events every 0..39 ms, out of order within 300 ms. */
    static List<OperatorProcessorRestartTest.Event> comingAndGoing(long seed, int n) {
        Random r = new Random(seed);
        List<OperatorProcessorRestartTest.Event> list = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += r.nextInt(40);
            int k = r.nextInt(4);
            long period = 3_000L * (k + 1);
            if (k > 0 && (t / period) % 2 == 1) {
                k = 0; // key k is off: k0 (always on) gets the event
            }
            list.add(new OperatorProcessorRestartTest.Event("k" + k, Math.max(0, t - r.nextInt(300)), r.nextInt(4)));
        }
        return list;
    }

    /** The every-interval aggregates a key's on-change run keeps: changed events or events_seen, every expiry. */
    static List<AggregateRecord> changed(List<AggregateRecord> everyInterval) {
        List<AggregateRecord> kept = new ArrayList<>();
        AggregateRecord previous = null;
        for (AggregateRecord a : everyInterval) {
            if (AggregateRecord.EXPIRED.equals(a.trigger())) {
                kept.add(a);
                previous = null; // the key starts afresh
            } else {
                if (previous == null || a.events() != previous.events() || a.eventsSeen() != previous.eventsSeen()) {
                    kept.add(a);
                } else {
                    assertThat(a.value()).as("a dropped aggregate repeats the previous value")
                            .isEqualTo(previous.value());
                }
                previous = a;
            }
        }
        return kept;
    }

    @Test
    void onChangeEmitsExactlyTheEveryIntervalAggregatesThatChangedWhereverThePunctuatorRunsAndAfterRestarts() {
        Theories.qt(12).forAll(longs().all(), integers().between(0, WINDOWS.length - 1),
                integers().between(0, 1)).checkAssert((seed, w, expire) -> {
            PlannedOperator op = OperatorProcessorRestartTest.operator(WINDOWS[w]);
            long expireAfter = expire == 1 ? 4_000 : 0;
            // ~40 intervals: more than a due-index entry may lag (EmissionPolicy.STALE_LAG), so entries are moved on
            List<OperatorProcessorRestartTest.Event> events = comingAndGoing(seed, 2_000);
            Harness every = new Harness(op, expireAfter, true, 10_000);
            Harness onChange = new Harness(op, expireAfter, false, 10_000);
            Harness restarted = new Harness(op, expireAfter, false, 1); // evicts all but one key's operator
            Harness sliced = new Harness(op, expireAfter, false, 10_000, 1); // one due key per punctuation
            // two keys cached (a due key is mostly rebuilt, so moved at once), slices of three resuming the scan
            Harness coldSliced = new Harness(op, expireAfter, false, 2, 3);
            // the task's stream time ahead of the operator's events (an input partition beside the re-key one):
            // punctuations find their boundary not yet reached here, the operator's first event past it catches up
            Harness ahead = new Harness(op, expireAfter, false, 10_000);
            Harness aheadEvery = new Harness(op, expireAfter, true, 10_000);
            Random lead = new Random(~seed);
            long aheadTime = 0;
            Random cut = new Random(seed);
            for (int i = 0; i < events.size(); i++) {
                OperatorProcessorRestartTest.Event e = events.get(i);
                every.send(e.key(), e.time(), e.symbol(), i);
                every.punctuate();
                ahead.send(e.key(), e.time(), e.symbol(), i);
                aheadEvery.send(e.key(), e.time(), e.symbol(), i);
                if (lead.nextInt(5) == 0) {
                    aheadTime = Math.max(aheadTime, ahead.streamTime + lead.nextInt(1_500));
                    ahead.punctuate(aheadTime);
                    aheadEvery.punctuate(aheadTime);
                }
                onChange.send(e.key(), e.time(), e.symbol(), i);
                onChange.punctuate();
                restarted.send(e.key(), e.time(), e.symbol(), i);
                if (cut.nextInt(30) == 0) {
                    restarted.punctuate();
                }
                if (cut.nextInt(150) == 0) {
                    restarted.restart();
                }
                sliced.send(e.key(), e.time(), e.symbol(), i);
                int p = cut.nextInt(10);
                if (p == 0) {
                    sliced.punctuate();
                } else if (p == 1) {
                    sliced.wallClock();
                } else if (p == 2 && cut.nextInt(20) == 0) {
                    sliced.restart();
                }
                if (i % 10 == 0) {
                    for (Harness h : List.of(onChange, restarted, sliced)) {
                        assertNoDueEntryBelowTheFloor(h);
                    }
                }
                coldSliced.send(e.key(), e.time(), e.symbol(), i);
                int q = cut.nextInt(8);
                if (q == 0) {
                    coldSliced.punctuate();
                } else if (q == 1) {
                    coldSliced.wallClock();
                } else if (q == 2 && cut.nextInt(25) == 0) {
                    coldSliced.restart();
                }
                assertNoDueEntryBelowTheFloor(coldSliced);
            }
            every.punctuate();
            onChange.punctuate();
            restarted.punctuate();
            sliced.punctuate();
            coldSliced.punctuate();
            for (Harness h : List.of(every, onChange, restarted, sliced, coldSliced)) {
                assertNoDueEntryBelowTheFloor(h);
            }
            for (int k = 0; k < 4; k++) {
                sliced.wallClock();
                coldSliced.wallClock();
            }
            Map<String, List<AggregateRecord>> everyByKey = OperatorProcessorRestartTest.byKey(every.finish());
            Map<String, List<AggregateRecord>> expected = new java.util.TreeMap<>(everyByKey);
            expected.replaceAll((k, v) -> changed(v));
            Map<String, List<AggregateRecord>> actual = OperatorProcessorRestartTest.byKey(onChange.finish());
            assertThat(actual).isEqualTo(expected);
            assertThat(OperatorProcessorRestartTest.byKey(restarted.finish())).isEqualTo(expected);
            assertThat(OperatorProcessorRestartTest.byKey(sliced.finish())).isEqualTo(expected);
            assertThat(OperatorProcessorRestartTest.byKey(coldSliced.finish())).isEqualTo(expected);
            ahead.punctuate(Math.max(aheadTime, ahead.streamTime));
            aheadEvery.punctuate(Math.max(aheadTime, ahead.streamTime));
            assertThat(OperatorProcessorRestartTest.byKey(ahead.finish())).isEqualTo(expected);
            assertThat(OperatorProcessorRestartTest.byKey(aheadEvery.finish())).isEqualTo(everyByKey);
        });
    }

    /**
     * A store written before session 10 (chunk headers without the key's intervals, which its meta
     * records held, updated once per interval) is read as it is: a processor restarted on it, at any
     * point, emits what an uninterrupted one does, and its next writes carry the intervals in the header.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{count: 16}", "{time: 2s}", "{decay: {half-life: 20}}", "{cumulative: true}"})
    void aStoreOfTheLayoutBeforeTheIntervalsMovedIntoTheChunkHeaderIsReadAsItIs(String window) {
        PlannedOperator op = OperatorProcessorRestartTest.operator(window);
        for (boolean everyInterval : new boolean[] {true, false}) {
            Harness uninterrupted = new Harness(op, 4_000, everyInterval, 10_000);
            Harness migrated = new Harness(op, 4_000, everyInterval, 10_000);
            List<OperatorProcessorRestartTest.Event> events = comingAndGoing(window.hashCode(), 1_500);
            for (int i = 0; i < events.size(); i++) {
                OperatorProcessorRestartTest.Event e = events.get(i);
                for (Harness h : List.of(uninterrupted, migrated)) {
                    h.send(e.key(), e.time(), e.symbol(), i);
                    if (i % 9 == 0) {
                        h.punctuate();
                    }
                }
                if (i % 400 == 399) {
                    assertThat(toLayoutBeforeSession10(migrated.store)).isGreaterThan(0);
                    migrated.restart();
                }
            }
            List<AggregateRecord> expected = uninterrupted.finish();
            assertThat(expected).hasSizeGreaterThan(50);
            assertThat(migrated.finish()).isEqualTo(expected);
        }
    }

    /**
     * Rewrites the store as the journal wrote it before session 10: each key's intervals (from its last
     * chunk's header) into its meta record, every chunk header without them. Returns the keys rewritten.
     */
    private static int toLayoutBeforeSession10(KeyValueStore<String, byte[]> store) {
        Map<String, byte[]> chunks = new java.util.TreeMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.contains("\u0000c") && !kv.key.startsWith("\u0000")) {
                    chunks.put(kv.key, kv.value);
                }
            });
        }
        Map<String, byte[]> lastOfKey = new java.util.TreeMap<>();
        chunks.forEach((k, v) -> lastOfKey.put(k.substring(0, k.indexOf("\u0000c")), v)); // in chunk order: the last wins
        lastOfKey.forEach((storeKey, last) -> {
            Journal.Header h = Journal.decodeHeader(last);
            assertThat(h.hasTicks()).isTrue();
            store.put(Journal.metaKeyOfStored(storeKey), Journal.encodeMeta(h.lastTick(), h.dueTick()));
        });
        chunks.forEach((k, v) -> store.put(k, JournalTest.withoutTicks(v)));
        return lastOfKey.size();
    }

    /** The due-index scans start at the floor: no entry lies below it (else a due key would be missed). */
    private static void assertNoDueEntryBelowTheFloor(Harness h) {
        long floor = h.processor.dueFloor();
        if (floor == KeyState.NONE) {
            return;
        }
        try (var it = h.store.range(Journal.firstDueKey(), Journal.firstDueKey(floor))) {
            assertThat(it.hasNext()).as("a due-index entry below the floor %d", floor).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{count: 16}", "{time: 2s}", "{decay: {half-life: 20}}", "{cumulative: true}"})
    void aCacheOfOneKeyRebuildsEvictedKeysBitIdentically(String window) {
        PlannedOperator op = OperatorProcessorRestartTest.operator(window);
        for (boolean everyInterval : new boolean[] {true, false}) {
            Harness big = new Harness(op, 0, everyInterval, 10_000);
            Harness small = new Harness(op, 0, everyInterval, 1);
            List<OperatorProcessorRestartTest.Event> events = comingAndGoing(window.hashCode(), 800);
            for (int i = 0; i < events.size(); i++) {
                OperatorProcessorRestartTest.Event e = events.get(i);
                big.send(e.key(), e.time(), e.symbol(), i);
                small.send(e.key(), e.time(), e.symbol(), i);
                if (i % 7 == 0) {
                    big.punctuate();
                    small.punctuate();
                }
            }
            assertThat(small.processor.keysCached()).isEqualTo(1);
            assertThat(small.processor.keysRebuilt()).isGreaterThan(100);
            assertThat(big.processor.keysRebuilt()).isZero();
            List<AggregateRecord> a = big.finish();
            assertThat(a).hasSizeGreaterThan(20);
            assertThat(small.finish()).isEqualTo(a);
        }
    }

    /**
     * 1,000 keys send one event each and go quiet at once, more than the cache (100 keys) holds, while
     * a busy key moves stream time on for 20 intervals, in slices of 64 due keys (fewer than the cache
     * holds, as the default 2,048 against 10,000): each quiet key is rebuilt once for its first aggregate
     * (and, time windows, once more when its event leaves the window), and the slices after the first
     * resume the scan where it stopped; the aggregates are those of a cache that holds every key.
     */
    @ParameterizedTest
    @ValueSource(strings = {"{count: 16}", "{time: 2s}", "{decay: {half-life: 20}}", "{cumulative: true}"})
    void aBurstOfDueKeysRebuildsEachEvictedKeyOncePerAggregate(String window) {
        PlannedOperator op = OperatorProcessorRestartTest.operator(window);
        Harness big = new Harness(op, 0, false, 10_000);
        Harness small = new Harness(op, 0, false, 100, 64);
        for (Harness h : List.of(big, small)) {
            for (int k = 0; k < 1_000; k++) {
                h.send("q" + k, k % 500, k % 8, k);
            }
            for (int i = 0; i <= 80; i++) {
                h.send("busy", 1_000 + 250L * i, i % 8, 1_000 + i);
                h.punctuate();
                h.wallClock();
            }
        }
        long aggregates = window.startsWith("{time") ? 2_000 : 1_000; // a time window's event leaves it: one more
        assertThat(small.processor.keysRebuilt()).isBetween(aggregates, aggregates + 100);
        assertThat(OperatorProcessorRestartTest.byKey(small.finish()))
                .isEqualTo(OperatorProcessorRestartTest.byKey(big.finish()));
    }

    /**
     * 1,000 keys send one event each, then one busy key moves stream time on for 50 intervals with a
     * punctuation after every record: on change, the punctuator catches each quiet key up once (its
     * first boundary) plus the busy key; every interval, every key at every boundary.
     */
    /**
     * Ten keys busy in every one of 100 intervals (1 s) keep their due-index entries where they are, at
     * their first interval, for {@link EmissionPolicy#STALE_LAG} intervals, then move them once: the index
     * gets a put per key every {@link EmissionPolicy#STALE_LAG} intervals, not one per key and interval
     * (1,000 here before); the aggregates are those of every-interval emission that changed.
     */
    @Test
    void aKeyBusyInEveryIntervalMovesItsDueIndexEntryOncePerStaleLag() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{count: 16}");
        DueIndexPuts counting = new DueIndexPuts();
        Harness onChange = new Harness(op, 0, false, 10_000, EmissionPolicy.SLICE_KEYS,
                Stores.keyValueStoreBuilder(JournalEventsTest.supplier(counting), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled().build());
        Harness every = new Harness(op, 0, true, 10_000);
        for (Harness h : List.of(onChange, every)) {
            int offset = 0;
            for (long t = 0; t < 100_000; t += 100) {
                for (int k = 0; k < 10; k++) {
                    h.send("k" + k, t + k, (int) (t / 100 + k) % 8, offset++);
                }
                if (t % 300 == 0) {
                    h.punctuate();
                }
            }
        }
        assertThat(counting.puts).isBetween(10L, 10L * (100 / EmissionPolicy.STALE_LAG + 2));
        Map<String, List<AggregateRecord>> expected = OperatorProcessorRestartTest.byKey(every.finish());
        expected.replaceAll((k, v) -> changed(v));
        assertThat(OperatorProcessorRestartTest.byKey(onChange.finish())).isEqualTo(expected);
    }

    /** An in-memory store counting the puts (not deletions) of due-index entries. */
    private static final class DueIndexPuts extends InMemoryKeyValueStore {
        long puts;

        DueIndexPuts() {
            super("s");
        }

        @Override
        public synchronized void put(Bytes key, byte[] value) {
            if (value != null && new String(key.get(), StandardCharsets.UTF_8).startsWith(Journal.firstDueKey())) {
                puts++;
            }
            super.put(key, value);
        }
    }

    @Test
    void thePunctuatorReadsOnlyTheKeysThatAreDue() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{count: 16}");
        Harness onChange = new Harness(op, 0, false, 10_000);
        Harness every = new Harness(op, 0, true, 10_000);
        int offset = 0;
        for (Harness h : List.of(onChange, every)) {
            for (int k = 0; k < 1_000; k++) {
                h.send("q" + k, k % 500, k % 8, offset++);
            }
            for (long t = 500; t <= 50_500; t += 250) {
                h.send("busy", t, (int) (t / 250) % 8, offset++);
                h.punctuate();
            }
        }
        assertThat(onChange.processor.keysTouchedByPunctuator()).isBetween(1_000L, 1_000L + 2 * 51);
        assertThat(every.processor.keysTouchedByPunctuator()).isGreaterThan(49L * 1_000);
        List<AggregateRecord> quiet = onChange.finish().stream().filter(a -> a.key().startsWith("q")).toList();
        assertThat(quiet).hasSize(1_000).allSatisfy(a -> assertThat(a.time()).isEqualTo(1_000L));
    }

    /**
     * 1,000 keys fall due at one boundary: a punctuation catches up one slice of 100 (a task's
     * transaction stays short), the wall-clock punctuator the next slices, and the keys left when
     * stream time is about to enter the next interval are caught up before it does; the aggregates
     * are those of an unsliced run, each key's at its boundary.
     */
    @Test
    void aPunctuationCatchesUpOneSliceOfDueKeysAndTheRestFollowBeforeTheNextInterval() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{count: 16}");
        Harness whole = new Harness(op, 0, false, 10_000);
        Harness sliced = new Harness(op, 0, false, 10_000, 100);
        for (Harness h : List.of(whole, sliced)) {
            for (int k = 0; k < 1_000; k++) {
                h.send("q" + k, k % 500, k % 8, k);
            }
            h.send("busy", 1_000, 1, 1_000); // stream time reaches the boundary at 1 s
            h.punctuate();
        }
        assertThat(whole.processor.keysTouchedByPunctuator()).isEqualTo(1_000L);
        assertThat(sliced.processor.keysTouchedByPunctuator()).isEqualTo(100L);
        sliced.wallClock();
        sliced.wallClock();
        assertThat(sliced.processor.keysTouchedByPunctuator()).isEqualTo(300L);
        for (Harness h : List.of(whole, sliced)) {
            h.send("busy", 2_100, 2, 1_001); // enters the interval after the next boundary
            h.punctuate();
        }
        assertThat(sliced.processor.keysTouchedByPunctuator()).isEqualTo(whole.processor.keysTouchedByPunctuator());
        Map<String, List<AggregateRecord>> expected = OperatorProcessorRestartTest.byKey(whole.finish());
        assertThat(expected.get("q7")).extracting(AggregateRecord::time).containsExactly(1_000L);
        assertThat(OperatorProcessorRestartTest.byKey(sliced.finish())).isEqualTo(expected);
    }
}
