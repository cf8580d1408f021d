package io.entroflow.app.it;

import io.entroflow.app.cli.CliRunner;
import io.entroflow.app.record.KeyGlob;
import io.entroflow.app.record.RecordedHeader;
import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.Recorder;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.app.record.Replayer;
import io.entroflow.topology.runtime.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record and replay on the shared embedded broker: two topics recorded and replayed into a fresh
 * topic record for record; a recorder in a child JVM killed with SIGKILL mid-stream and restarted
 * leaves every record in the queue exactly once; SIGTERM closes it cleanly.
 */
@IntegrationTest
class RecordReplayIT {
    private static final long BASE_TIME = 1_796_292_000_000L; // 2026-12-03T09:20:00Z

    /** What the test compares: everything but the position. */
    private record Content(String key, String value, long timestamp, List<String> headers) {
        static Content of(byte[] key, byte[] value, long timestamp, List<RecordedHeader> headers) {
            return new Content(show(key), show(value), timestamp, headers.stream().map(RecordedHeader::toString).toList());
        }

        static Content of(ConsumerRecord<byte[], byte[]> r) {
            List<RecordedHeader> hs = new ArrayList<>();
            for (Header h : r.headers()) {
                hs.add(new RecordedHeader(h.key(), h.value()));
            }
            return of(r.key(), r.value(), r.timestamp(), hs);
        }

        private static String show(byte[] b) {
            return b == null ? "<null>" : java.util.HexFormat.of().formatHex(b);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldReplayTwoRecordedTopicsIntoAFreshTopicRecordForRecord() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        String run = Long.toString(System.nanoTime());
        String a = "rec-a-" + run;
        String b = "rec-b-" + run;
        createTopics(bootstrap, Map.of(a, 2, b, 2));
        List<ProducerRecord<byte[], byte[]>> sent = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            sent.add(record(i % 3 == 0 ? b : a, i));
        }
        send(bootstrap, sent);
        sendAbortedTransaction(bootstrap, a);

        Path queueDir = Files.createTempDirectory("entroflow-record-it").resolve("queue");
        StringWriter log = new StringWriter();
        AtomicReference<Recorder> recorder = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try (RecordingQueue q = RecordingQueue.openForWriting(queueDir)) {
                Properties client = new Properties();
                client.put("bootstrap.servers", bootstrap);
                Recorder r = new Recorder(q, client, new Recorder.Options(List.of(a, b), Recorder.StartAt.EARLIEST, null,
                        false, Duration.ofSeconds(1), Duration.ofSeconds(1)), new PrintWriter(log, true));
                recorder.set(r);
                r.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "recorder");
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((recorder.get() == null || recorder.get().recorded() < sent.size()) && System.nanoTime() < deadline
                && failed.get() == null) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000); // nothing more may come: the aborted transaction must not be recorded
        recorder.get().stop();
        t.join(30_000);
        assertThat(failed.get()).isNull();
        assertThat(recorder.get().recorded()).as(() -> "read_committed end offsets " + committedEnds(bootstrap, List.of(a, b))
                + ", recorded per partition " + recordedPerPartition(queueDir) + "\n" + log).isEqualTo(sent.size());

        List<RecordedRecord> recorded = readQueue(queueDir);
        assertThat(recorded).hasSize(sent.size());
        assertThat(recorded.stream().map(r -> Content.of(r.key(), r.value(), r.timestamp(), r.headers())))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(RecordReplayIT::content).toList());
        assertOffsetsExactlyOnceInOrder(recorded);

        // replay everything through the command into a topic that does not exist yet: created with 2 partitions
        String c = "rec-c-" + run;
        CliRunner.Result result = CliRunner.run("", "replay", "--queue", queueDir.toString(), "--to-topic", c,
                "--speed", "max", "--bootstrap-servers", bootstrap);
        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).contains("created topic '" + c + "' with 2 partition(s)").contains("partitions preserved");
        assertThat(result.out()).contains("replayed 1,500 records").contains("skipped 0 by --key-filter, 0 outside --from/--to");
        Map<Integer, List<Content>> replayed = readTopic(bootstrap, c, sent.size());
        for (int p = 0; p < 2; p++) {
            int partition = p;
            // a-p and b-p both go to p, interleaved by timestamp (each partition's own order kept; here
            // every timestamp is distinct and increases with the offset)
            assertThat(replayed.get(p)).as("partition " + p).containsExactlyElementsOf(recorded.stream()
                    .filter(r -> r.partition() == partition)
                    .sorted(java.util.Comparator.comparingLong(RecordedRecord::timestamp))
                    .map(r -> Content.of(r.key(), r.value(), r.timestamp(), r.headers())).toList());
        }

        // time and key filters, paced at 20x: records with keys "key-1*" in [BASE + 300 ms, BASE + 1,300 ms)
        String d = "rec-d-" + run;
        createTopics(bootstrap, Map.of(d, 1));
        Replayer.Summary s;
        Properties producer = new Properties();
        producer.put("bootstrap.servers", bootstrap);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (RecordingQueue q = RecordingQueue.openForReading(queueDir);
             KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer())) {
            s = new Replayer(q, p, new Replayer.Options(d, 20, BASE_TIME + 300, BASE_TIME + 1_300, KeyGlob.of("key-1*"), false),
                    new PrintWriter(new StringWriter()), false, Long.MAX_VALUE).run();
        }
        List<ProducerRecord<byte[], byte[]>> expected = sent.stream()
                .filter(r -> r.timestamp() >= BASE_TIME + 300 && r.timestamp() < BASE_TIME + 1_300)
                .filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith("key-1")).toList();
        assertThat(s.replayed()).isEqualTo(expected.size()).isPositive();
        assertThat(s.skippedByTime()).isEqualTo(sent.size() - 1_000);
        assertThat(s.skippedByKey()).isEqualTo(1_000 - expected.size());
        assertThat(s.elapsedNanos()).as("paced at 20x over about 1 s of recorded time")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos((s.lastTimestamp() - s.firstTimestamp()) / 20 - 10));
        assertThat(readTopic(bootstrap, d, expected.size()).get(0))
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(RecordReplayIT::content).toList());
    }

    @Test
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void shouldHoldEveryRecordExactlyOnceAfterAKillAndRestartAndCloseCleanlyOnSigterm() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        String topic = "rec-kill-" + System.nanoTime();
        createTopics(bootstrap, Map.of(topic, 3));
        int total = 30_000;
        Path dir = Files.createTempDirectory("entroflow-record-kill-it");
        Path queueDir = dir.resolve("queue");
        Map<TopicPartition, Map<Long, String>> produced = new ConcurrentHashMap<>();
        Thread producer = new Thread(() -> produceSlowly(bootstrap, topic, total, 8_000, produced), "producer");
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx256m");
        command.addAll(chronicleFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.entroflow.app.cli.EntroflowCli",
                "record", "--topics", topic, "--queue", queueDir.toString(), "--bootstrap-servers", bootstrap,
                "--status-every", "1s"));

        Process first = start(command, dir.resolve("record-1.log"));
        producer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (countRecords(queueDir) < total / 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        first.destroyForcibly(); // SIGKILL, mid-stream: the producer is still sending
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long atKill = countRecords(queueDir);
        assertThat(atKill).as(Files.readString(dir.resolve("record-1.log"))).isBetween((long) total / 5, (long) total - 1);

        Process second = start(command, dir.resolve("record-2.log"));
        producer.join(200_000);
        // the truth is what the topic holds (on an overloaded machine the test's producer may give up
        // on a batch): every acknowledged record, and nothing else
        Map<TopicPartition, Long> ends = endOffsets(bootstrap, topic, 3);
        long inTopic = ends.values().stream().mapToLong(Long::longValue).sum();
        assertThat(inTopic).isGreaterThan(total / 2);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (countRecords(queueDir) < inTopic && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_500);
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log2 = Files.readString(dir.resolve("record-2.log"));
        assertThat(second.exitValue()).as("exit status after SIGTERM (a graceful stop): " + log2).isZero();
        assertThat(log2).contains("resumed from the queue").contains("stopped;").contains("closed");
        assertThat(log2).doesNotContain("Exception");

        List<RecordedRecord> recorded = readQueue(queueDir);
        assertThat(recorded).hasSize((int) inTopic);
        assertOffsetsExactlyOnceInOrder(recorded);
        Map<TopicPartition, Map<Long, String>> inQueue = new HashMap<>();
        for (RecordedRecord r : recorded) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            String acked = produced.getOrDefault(tp, Map.of()).get(r.offset());
            assertThat(acked == null || acked.equals(new String(r.value(), StandardCharsets.UTF_8))).as(r.toString()).isTrue();
            inQueue.computeIfAbsent(tp, k -> new HashMap<>()).put(r.offset(), new String(r.value(), StandardCharsets.UTF_8));
        }
        produced.forEach((tp, values) -> assertThat(inQueue.get(tp)).containsAllEntriesOf(values));
        try (RecordingQueue q = RecordingQueue.openForReading(queueDir)) {
            assertThat(q.resumePositions()).isEqualTo(ends);
            assertThat(q.lastCheckpoint()).as("a clean close ends with a checkpoint").isNotNull();
            assertThat(q.lastCheckpoint().nextOffsets()).isEqualTo(ends);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseToRecordATopicThatDoesNotExist() throws Exception {
        String bootstrap = SharedBroker.get().bootstrapServers();
        Path queueDir = Files.createTempDirectory("entroflow-record-missing");
        CliRunner.Result r = CliRunner.run("", "record", "--topics", "no-such-topic-" + System.nanoTime(),
                "--queue", queueDir.toString(), "--bootstrap-servers", bootstrap);
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("--topics: topic [no-such-topic-").contains("does not exist")
                .contains("--wait-for-topics").doesNotContain("Exception");
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, int i) {
        byte[] key = switch (i % 7) {
            case 0 -> null;
            case 1 -> new byte[0];
            default -> ("key-" + (i % 40)).getBytes(StandardCharsets.UTF_8);
        };
        byte[] value = switch (i % 11) {
            case 0 -> null;
            case 1 -> new byte[0];
            case 2 -> new byte[] {0, (byte) 0xFF, (byte) i, 0, (byte) 0x80};
            default -> ("{\"i\":" + i + ",\"x\":\"é✓\"}").getBytes(StandardCharsets.UTF_8);
        };
        List<Header> headers = new ArrayList<>();
        if (i % 2 == 0) {
            headers.add(new RecordHeader("trace", ("t" + i).getBytes(StandardCharsets.UTF_8)));
        }
        if (i % 5 == 0) {
            headers.add(new RecordHeader("nothing", (byte[]) null));
            headers.add(new RecordHeader("trace", new byte[] {(byte) i}));
        }
        return new ProducerRecord<>(topic, i % 2, BASE_TIME + i, key, value, headers);
    }

    private static Content content(ProducerRecord<byte[], byte[]> r) {
        List<RecordedHeader> hs = new ArrayList<>();
        for (Header h : r.headers()) {
            hs.add(new RecordedHeader(h.key(), h.value()));
        }
        return Content.of(r.key(), r.value(), r.timestamp(), hs);
    }

    private static void assertOffsetsExactlyOnceInOrder(List<RecordedRecord> recorded) {
        Map<TopicPartition, Long> last = new HashMap<>();
        Map<TopicPartition, Long> count = new HashMap<>();
        for (RecordedRecord r : recorded) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            Long before = last.put(tp, r.offset());
            assertThat(r.offset()).as("%s after %s", r, before).isGreaterThan(before == null ? -1 : before);
            count.merge(tp, 1L, Long::sum);
        }
        // non-transactional topics have no gaps: offsets 0..n-1
        last.forEach((tp, off) -> {
            if (!tp.topic().startsWith("rec-a-")) {
                assertThat(off + 1).as(tp.toString()).isEqualTo(count.get(tp));
            }
        });
    }

    private static void createTopics(String bootstrap, Map<String, Integer> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(topics.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
            Topics.awaitReady(admin, topics.keySet(), Duration.ofSeconds(60));
        }
    }

    private static void send(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000"); // a stalled connection is dropped and retried, not waited on for the whole delivery timeout
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000"); // a starved broker must not make a test drop input
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> r : records) {
                acks.add(producer.send(r));
            }
            producer.flush();
            for (var ack : acks) {
                ack.get(); // every record acknowledged: a lost one fails here, not as a recording gap later
            }
        }
    }

    private static Map<String, Long> recordedPerPartition(Path queueDir) {
        Map<String, Long> n = new java.util.TreeMap<>();
        try {
            readQueue(queueDir).forEach(r -> n.merge(r.topic() + "-" + r.partition(), 1L, Long::sum));
        } catch (Exception e) {
            n.put("unreadable: " + e, -1L);
        }
        return n;
    }

    /** Per partition of {@code topics}: the read_committed end offset (what a recorder must reach), for failure messages. */
    private static Map<TopicPartition, Long> committedEnds(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            for (var d : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(i -> latest.put(new TopicPartition(d.name(), i.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> ends = new java.util.TreeMap<>(java.util.Comparator.comparing(TopicPartition::toString));
            admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                            org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (Exception e) {
            return Map.of(new TopicPartition("unknown: " + e, 0), -1L);
        }
    }

    /** A committed transaction of no records and an aborted one of 10: read_committed sees none of them. */
    private static void sendAbortedTransaction(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000"); // a stalled connection is dropped and retried, not waited on for the whole delivery timeout
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rec-it-" + System.nanoTime());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, i % 2, BASE_TIME, null, "aborted".getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
            producer.abortTransaction();
        }
    }

    /** Sends n records spread over spreadMillis; {@code produced} gets every acknowledged record's value. */
    private static void produceSlowly(String bootstrap, String topic, int n, long spreadMillis,
                                      Map<TopicPartition, Map<Long, String>> produced) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000"); // a stalled connection is dropped and retried, not waited on for the whole delivery timeout
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.currentTimeMillis();
            for (int i = 0; i < n; i++) {
                String value = "value-" + i;
                producer.send(new ProducerRecord<>(topic, ("k" + i % 50).getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)), (m, e) -> {
                    if (e == null) {
                        produced.computeIfAbsent(new TopicPartition(m.topic(), m.partition()),
                                k -> new ConcurrentHashMap<>()).put(m.offset(), value);
                    } else {
                        System.err.println("test producer: " + e);
                    }
                });
                long wait = start + spreadMillis * i / n - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long countRecords(Path queueDir) {
        if (!Files.isDirectory(queueDir) || RecordingQueue.cycleFiles(queueDir).isEmpty()) {
            return 0;
        }
        return readQueue(queueDir).size();
    }

    private static List<RecordedRecord> readQueue(Path queueDir) {
        List<RecordedRecord> out = new ArrayList<>();
        try (RecordingQueue q = RecordingQueue.openForReading(queueDir); RecordingQueue.Reader r = q.reader()) {
            for (RecordedRecord x = r.next(); x != null; x = r.next()) {
                out.add(x);
            }
        }
        return out;
    }

    private static Map<Integer, List<Content>> readTopic(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<Integer, List<Content>> out = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int n = 0;
            while (n < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(Content.of(r));
                    n++;
                }
            }
            // anything beyond the expected count would be a duplicate
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(1_000))) {
                out.computeIfAbsent(r.partition(), k -> new ArrayList<>()).add(Content.of(r));
            }
        }
        return out;
    }

    private static List<String> chronicleFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle")).toList();
    }

    private static Process start(List<String> command, Path log) throws java.io.IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
