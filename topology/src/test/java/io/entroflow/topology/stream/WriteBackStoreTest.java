package io.entroflow.topology.stream;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import io.entroflow.operators.Theories;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The write-back store: pending puts and deletes are visible to the stream thread at once (get and
 * range), reach the store and its changelog at the commit (one record per key, the last value), or
 * before a read that needs them, and a restart from the state directory or the changelog sees
 * exactly the committed state.
 */
class WriteBackStoreTest {
    private static final String STORE = "s";

    /** Commands "put k v", "del k", "get k", "range a b": each answers on the output topic with what it saw. */
    private static final class Commands implements Processor<String, String, String, String> {
        private ProcessorContext<String, String> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            String[] c = record.value().split(" ");
            String answer = switch (c[0]) {
                case "put" -> {
                    store.put(c[1], c[2].getBytes(StandardCharsets.UTF_8));
                    yield "ok";
                }
                case "put2" -> { // two puts of one key in one event: the store must see only the second
                    store.put(c[1], "first".getBytes(StandardCharsets.UTF_8));
                    store.put(c[1], c[2].getBytes(StandardCharsets.UTF_8));
                    yield "ok";
                }
                case "del" -> text(store.delete(c[1]));
                case "putnull" -> { // a delete without reading the old value
                    store.put(c[1], null);
                    yield "ok";
                }
                case "get" -> text(store.get(c[1]));
                case "range" -> {
                    List<String> seen = new ArrayList<>();
                    try (KeyValueIterator<String, byte[]> it = store.range(c[1], c[2])) {
                        it.forEachRemaining(kv -> seen.add(kv.key + "=" + text(kv.value)));
                    }
                    yield String.join(",", seen);
                }
                case "prefix" -> {
                    List<String> seen = new ArrayList<>();
                    try (KeyValueIterator<String, byte[]> it = store.prefixScan(c[1], new StringSerializer())) {
                        it.forEachRemaining(kv -> seen.add(kv.key + "=" + text(kv.value)));
                    }
                    yield String.join(",", seen);
                }
                default -> throw new IllegalArgumentException(c[0]);
            };
            context.forward(record.withValue(answer));
        }

        private static String text(byte[] b) {
            return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
        }
    }

    private static TopologyTestDriver driver(Path stateDir) {
        Topology t = new Topology();
        t.addSource("in", new StringDeserializer(), new StringDeserializer(), "in");
        t.addProcessor("p", Commands::new, "in");
        t.addStateStore(WriteBackStore.builder(STORE), "p");
        t.addSink("out", "out", new StringSerializer(), new StringSerializer(), "p");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "wb");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return new TopologyTestDriver(t, p);
    }

    private static List<String> run(TopologyTestDriver d, String... commands) {
        TestInputTopic<String, String> in = d.createInputTopic("in", new StringSerializer(), new StringSerializer());
        TestOutputTopic<String, String> out = d.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
        for (String c : commands) {
            in.pipeInput("k", c);
        }
        return out.readValuesToList();
    }

    @Test
    void shouldShowPendingWritesToAPrefixScan() throws Exception {
        try (TopologyTestDriver d = driver(MonitorDriver.tmp())) {
            assertThat(run(d, "put r1:a 1", "put r2:b 2", "put r1:c 3", "prefix r1:", "del r1:a", "prefix r1:", "prefix r3"))
                    .containsExactly("ok", "ok", "ok", "r1:a=1,r1:c=3", "1", "r1:c=3", "");
        }
    }

    @Test
    void shouldDeleteOnAPutOfNullAsADeleteDoesWithTheSameTombstoneInTheChangelog() throws Exception {
        List<String> logged = new ArrayList<>();
        try (TopologyTestDriver d = driver(MonitorDriver.tmp())) {
            // the driver commits after every record (a write-through): a, b and c are in the store when deleted,
            // a and c by a put of null
            assertThat(run(d, "put a 1", "put b 2", "range a z", "put c 3", "putnull a", "del b", "putnull c",
                    "get a", "get c", "range a z", "put d 4", "range a z"))
                    .containsExactly("ok", "ok", "a=1,b=2", "ok", "ok", "2", "ok", "null", "null", "", "ok", "d=4");
            TestOutputTopic<String, byte[]> log = d.createOutputTopic("wb-s-changelog", new StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            log.readKeyValuesToList().forEach(kv -> logged.add(kv.key + "=" + (kv.value == null ? "null"
                    : new String(kv.value, StandardCharsets.UTF_8))));
        }
        assertThat(logged).containsExactly("a=1", "b=2", "c=3", "a=null", "b=null", "c=null", "d=4");
    }

    @Test
    void shouldShowPendingWritesAndKeepTheCommittedStateAcrossRestarts() throws Exception {
        List<KeyValue<String, byte[]>> changelog;
        try (TopologyTestDriver d = driver(MonitorDriver.tmp())) {
            assertThat(run(d, "put a 1", "put b 2", "get a", "range a z", "del a", "get a", "range a z", "put2 c 3",
                    "get c", "put a 4", "range a z")).containsExactly("ok", "ok", "1", "a=1,b=2", "1", "null", "b=2",
                    "ok", "3", "ok", "a=4,b=2,c=3");
            TestOutputTopic<String, byte[]> log = d.createOutputTopic("wb-s-changelog", new StringDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            changelog = log.readKeyValuesToList();
        }
        List<String> logged = new ArrayList<>();
        for (KeyValue<String, byte[]> kv : changelog) {
            logged.add(kv.key + "=" + (kv.value == null ? "null" : new String(kv.value, StandardCharsets.UTF_8)));
        }
        assertThat(logged).doesNotContain("c=first").contains("c=3", "a=4");
        // a restart restores the store from its changelog (TopologyTestDriver wipes its state directory on close)
        try (TopologyTestDriver d = driver(MonitorDriver.tmp())) {
            KeyValueStore<String, byte[]> store = d.getKeyValueStore(STORE);
            changelog.forEach(kv -> store.put(kv.key, kv.value));
            assertThat(run(d, "range a z", "del b", "get b")).containsExactly("a=4,b=2,c=3", "2", "null");
        }
    }

    /**
     * A range or reverse range writes the pending entries through (to the store and its changelog) only
     * when one of them lies in it; otherwise the store's own range is the answer and they wait for the
     * commit. Null bounds are open ends.
     */
    @Test
    void shouldWriteThroughForARangeOnlyWhenAPendingKeyLiesInIt() {
        KeyValueStore<String, byte[]> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
        WriteBackStore store = WriteBackStore.over(inner);
        store.init(new MockProcessorContext<String, String>().getStateStoreContext(), store);
        store.put("b1", "1".getBytes(StandardCharsets.UTF_8));
        store.put("d1", "2".getBytes(StandardCharsets.UTF_8));
        assertThat(keys(store.range("a", "az"))).isEmpty();
        assertThat(keys(store.reverseRange("c", "cz"))).isEmpty();
        assertThat(keys(store.range(null, "a"))).isEmpty();
        assertThat(keys(store.range("e", null))).isEmpty();
        assertThat(keys(store.range("b1\u0000", "d0"))).isEmpty(); // between the two pending keys
        assertThat(inner.get("b1")).as("not written through yet").isNull();
        assertThat(keys(store.range("b", "bz"))).containsExactly("b1");
        assertThat(inner.get("b1")).isNotNull();
        assertThat(inner.get("d1")).as("every pending entry goes through at once").isNotNull();
        store.put("a1", null); // a pending delete of an absent key is in the range too
        store.put("e1", "3".getBytes(StandardCharsets.UTF_8));
        assertThat(keys(store.reverseRange("d", null))).containsExactly("e1", "d1");
        assertThat(inner.get("e1")).isNotNull();
        store.put("c1", "4".getBytes(StandardCharsets.UTF_8));
        assertThat(keys(store.range(null, null))).containsExactly("b1", "c1", "d1", "e1");
    }

    private static List<String> keys(KeyValueIterator<String, byte[]> it) {
        List<String> keys = new ArrayList<>();
        try (it) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    /** The pending entries' order is the store's: strings compare as their UTF-8 bytes do (code points). */
    @Test
    void pendingKeysAreOrderedAsTheirUtf8Bytes() {
        String[] pieces = {"", "a", "z", "\u0000", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff",
            "\ud800\udc00", "\ud83d\ude00", "\udbff\udfff"};
        Theories.qt(2_000).forAll(lists().of(integers().between(0, pieces.length - 1)).ofSizeBetween(0, 4),
                lists().of(integers().between(0, pieces.length - 1)).ofSizeBetween(0, 4)).checkAssert((x, y) -> {
                    StringBuilder a = new StringBuilder();
                    x.forEach(i -> a.append(pieces[i]));
                    StringBuilder b = new StringBuilder();
                    y.forEach(i -> b.append(pieces[i]));
                    int bytes = Arrays.compareUnsigned(a.toString().getBytes(StandardCharsets.UTF_8),
                            b.toString().getBytes(StandardCharsets.UTF_8));
                    assertThat(Integer.signum(WriteBackStore.compareCodePoints(a.toString(), b.toString())))
                            .as("%s vs %s", a, b).isEqualTo(Integer.signum(bytes));
                });
    }
}
