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
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-back store: pending puts and deletes are visible to the stream thread at once (get and
 * range), reach the store and its changelog at the commit (one record per key, the last value), and a
 * restart from the state directory or the changelog sees exactly the committed state.
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
}
