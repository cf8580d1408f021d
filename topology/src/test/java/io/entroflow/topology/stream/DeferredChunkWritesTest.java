package io.entroflow.topology.stream;

import io.entroflow.operators.Theories;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.topology.plan.PlannedOperator;
import io.entroflow.topology.stream.OperatorProcessorRestartTest.Harness;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The journal's deferred chunk writes ({@link DeferredWrites}): behind a {@link WriteBackStore} a
 * key's current chunk is put when the store writes through, not after every event. At every commit
 * the store then holds exactly, byte for byte, what the same processor with a put per event leaves
 * in a plain store, and the aggregates are the same, with restarts after commits, a cache of one key
 * (evictions), key expiry and every window kind.
 */
class DeferredChunkWritesTest {
    private static final String[] WINDOWS = {"{count: 16}", "{count: 100}", "{time: 2s}", "{decay: {half-life: 20}}",
        "{cumulative: true}"};

    @Test
    void theStoreAtEveryCommitAndTheAggregatesAreThoseOfAPutPerEvent() {
        Theories.qt(16).forAll(longs().all(), integers().between(0, WINDOWS.length - 1), integers().between(0, 7))
                .checkAssert((seed, w, flags) -> {
                    PlannedOperator op = OperatorProcessorRestartTest.operator(WINDOWS[w]);
                    long expireAfter = (flags & 1) != 0 ? 4_000 : 0;
                    boolean everyInterval = (flags & 2) != 0;
                    int cacheKeys = (flags & 4) != 0 ? 1 : 10_000;
                    Harness eager = new Harness(op, expireAfter, everyInterval, cacheKeys);
                    KeyValueStore<String, byte[]> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("s"),
                            Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
                    WriteBackStore writeBack = WriteBackStore.over(inner);
                    Harness deferred = new Harness(op, expireAfter, everyInterval, cacheKeys, writeBack);
                    List<OperatorProcessorRestartTest.Event> events = BoundedEmissionProperties.comingAndGoing(seed, 700);
                    Random r = new Random(seed);
                    int commits = 0;
                    for (int i = 0; i < events.size(); i++) {
                        OperatorProcessorRestartTest.Event e = events.get(i);
                        eager.send(e.key(), e.time(), e.symbol(), i);
                        deferred.send(e.key(), e.time(), e.symbol(), i);
                        if (r.nextInt(5) == 0) {
                            eager.punctuate();
                            deferred.punctuate();
                        }
                        if (r.nextInt(20) == 0) {
                            writeBack.flushCache(); // what Kafka Streams does before it commits
                            commits++;
                            assertThat(contents(inner)).as("store after commit %d", commits).isEqualTo(contents(eager.store));
                            if (r.nextBoolean()) { // both: a pass's bookkeeping lives in the processor instance
                                deferred.restart();
                                eager.restart();
                            }
                        }
                    }
                    eager.punctuate();
                    deferred.punctuate();
                    writeBack.flushCache();
                    assertThat(contents(inner)).isEqualTo(contents(eager.store));
                    List<AggregateRecord> expected = eager.finish();
                    assertThat(expected).isNotEmpty();
                    assertThat(deferred.finish()).isEqualTo(expected);
                });
    }

    /** The store's records, values as lists of bytes (comparable). */
    private static TreeMap<String, List<Byte>> contents(KeyValueStore<String, byte[]> store) {
        TreeMap<String, List<Byte>> m = new TreeMap<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                Byte[] b = new Byte[kv.value.length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = kv.value[i];
                }
                m.put(kv.key, List.of(b));
            }
        }
        return m;
    }
}
