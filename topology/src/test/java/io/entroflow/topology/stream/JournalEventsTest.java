package io.entroflow.topology.stream;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.stream.OperatorProcessorRestartTest.Event;
import io.entroflow.topology.stream.OperatorProcessorRestartTest.Harness;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key's journalled events read once ({@link JournalEvents}): they replay exactly what a replay from
 * the store replays, and a time window caught up by the punctuator reads its key's chunks once
 * (its rebuild's read, or one read for a cached key), not once for the rebuild, once for where the
 * window changes and once per aggregate.
 */
class JournalEventsTest {
    @Test
    void shouldReplayAndTimeTheEventsAReplayFromTheStoreReads() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{time: 60s}"); // keeps every event
        Harness h = new Harness(op, 0, false, 10_000);
        List<Event> events = BoundedEmissionProperties.comingAndGoing(5, 3_000);
        for (int i = 0; i < events.size(); i++) {
            h.send(events.get(i).key(), events.get(i).time(), events.get(i).symbol(), i);
        }
        h.restart(); // the chunks are in the store
        for (String key : List.of("k0", "k1", "k2", "k3")) {
            JournalEvents read = new JournalEvents(2);
            List<Long> times = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = h.store.range(Journal.firstChunkKey(key), Journal.lastChunkKey(key))) {
                while (it.hasNext()) {
                    long[] entries = Journal.decodeEntries(it.next().value, 2);
                    read.add(entries);
                    for (int p = 0; p < entries.length; p += 2) {
                        times.add(entries[p]);
                    }
                }
            }
            assertThat(read.size()).as(key).isGreaterThan(64).isEqualTo(times.size()); // more than one chunk
            assertThat(read.times()).containsExactly(times.stream().mapToLong(Long::longValue).toArray());
            long last = times.stream().mapToLong(Long::longValue).max().orElseThrow();
            for (long before = last - 50_000; before <= last + 1_000; before += 250) {
                assertThat(read.replay(op, before - 10_000, before).result())
                        .as("%s at %d", key, before)
                        .isEqualTo(KeyJournal.replay(op, h.store, key, before - 10_000, before).result());
            }
        }
    }

    /**
     * 1,000 keys send one event each and go quiet, more than the cache (100 keys) holds, while a busy key
     * moves stream time on: each caught-up key reads its chunks once per catch-up (the rebuild's read,
     * taken over for the window's times and contents), where three reads were made before; the aggregates
     * are those of a cache that holds every key.
     */
    @Test
    void shouldReadARebuiltKeysChunksOncePerCatchUp() {
        PlannedOperator op = OperatorProcessorRestartTest.operator("{time: 2s}");
        CountingStore counting = new CountingStore();
        // slices of 64 due keys, fewer than the cache holds (as the default 2,048 against 10,000)
        Harness small = new Harness(op, 0, false, 100, 64, Stores.keyValueStoreBuilder(supplier(counting),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        Harness big = new Harness(op, 0, false, 10_000);
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
        long rebuilt = small.processor.keysRebuilt();
        long touched = small.processor.keysTouchedByPunctuator();
        assertThat(rebuilt).isBetween(1_900L, 2_100L); // each quiet key: its first aggregate, its event leaving
        // one read per key caught up by the punctuator, and per catch-up of the busy key on its own events
        // about one read per key caught up by the punctuator (a few stale entries are read and moved on), plus
        // one per catch-up of the busy key on its own events; three per key before (6,128 reads here)
        assertThat(counting.chunkRanges).isLessThanOrEqualTo(touched + touched / 20 + 81);
        List<AggregateRecord> expected = big.finish();
        assertThat(expected).hasSizeGreaterThan(2_000);
        assertThat(small.finish()).isEqualTo(expected);
    }

    /** A supplier of {@code store} under the name "s" (the harness's store name). */
    static KeyValueBytesStoreSupplier supplier(KeyValueStore<Bytes, byte[]> store) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return "s";
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return store;
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    /** An in-memory store counting range reads of a key's chunks. */
    private static final class CountingStore extends InMemoryKeyValueStore {
        long chunkRanges;

        CountingStore() {
            super("s");
        }

        @Override
        public synchronized KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
            if (from != null && new String(from.get(), StandardCharsets.UTF_8).endsWith("\u0000c")) {
                chunkRanges++;
            }
            return super.range(from, to);
        }
    }
}
