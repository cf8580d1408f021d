package io.entroflow.bench;

import io.entroflow.app.broker.EmbeddedKafka;
import io.entroflow.app.demo.DemoStream;
import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.Recorder;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.app.record.Replayer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput of {@code record} and {@code replay} on an embedded single-node KRaft broker in the
 * same JVM (the broker's work shares the machine's cores).
 *
 * <p>Workload: {@code events} demo events ({@link DemoStream}, seed 7, 4 keys, JSON values of about
 * 75 bytes: {@code {"key":"svc-a","ts":..,"kind":..,"x":..,"y":..,"latency":..}}), pre-produced to
 * a topic of 2 partitions with their event times as timestamps. Per round, on a fresh queue and
 * fresh topics:
 * <ul>
 *   <li>{@code record}: a {@link Recorder} (read_committed, from the earliest offsets) appends every
 *   event to a new queue; records/s from the start of {@code run()} (consumer start-up included)
 *   until the queue holds them all;</li>
 *   <li>{@code read}: one pass over the queue decoding every record (no Kafka), records/s;</li>
 *   <li>{@code replay}: a {@link Replayer} at speed {@code max} into a fresh topic of 2 partitions
 *   (partitions preserved), idempotent producer (acks=all, linger 10 ms, batch 256 KiB), records/s
 *   until every send is acknowledged (flush).</li>
 * </ul>
 * Also printed: the queue's size on disk (allocated blocks, {@code du}) per record, and the key +
 * value bytes per record.
 *
 * <p>Run (the JVM flags are Chronicle Queue's, as in the launcher):
 * {@code mvn -B -q -pl bench -am package -DskipTests && java $(sed -n
 * 's:.*<chronicle.jvm.flags>\(.*\)</chronicle.jvm.flags>.*:\1:p' pom.xml) -cp bench/target/benchmarks.jar
 * io.entroflow.bench.RecordReplayBenchmark [events=1000000] [rounds=2]}
 */
public final class RecordReplayBenchmark {
    private RecordReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        int events = Integer.parseInt(a.getOrDefault("events", "1000000"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "2"));
        Path work = Files.createTempDirectory("bench-record-replay");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), Duration.ofSeconds(120))) {
            String bootstrap = kafka.bootstrapServers();
            long payload = produce(bootstrap, "bench-events", events);
            System.out.printf(Locale.ROOT, "produced %,d demo events, %.1f key+value bytes per event%n", events,
                    (double) payload / events);
            List<String> rows = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Path queueDir = work.resolve("queue-" + round);
                double record = record(bootstrap, queueDir, events);
                long du = allocatedBytes(queueDir);
                double read = read(queueDir, events);
                double replay = replay(bootstrap, queueDir, "bench-replay-" + round, events);
                String row = String.format(Locale.ROOT,
                        "round %d: record %,.0f records/s, read %,.0f records/s, replay %,.0f records/s, queue %.1f bytes/record on disk",
                        round, record, read, replay, (double) du / events);
                System.out.println(row);
                rows.add(row);
            }
            System.out.println("summary (" + events + " events, load " + loadAverage() + "):");
            rows.forEach(System.out::println);
        }
    }

    private static long produce(String bootstrap, String topic, int events) throws Exception {
        createTopic(bootstrap, topic);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        long bytes = 0;
        DemoStream s = new DemoStream(7, 1_796_292_000_000L, events * 1000L / 1000, 1000);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events && s.hasNext(); i++) {
                DemoStream.Event e = s.next();
                byte[] key = e.key().getBytes(StandardCharsets.UTF_8);
                byte[] value = e.json().getBytes(StandardCharsets.UTF_8);
                bytes += key.length + value.length;
                producer.send(new ProducerRecord<>(topic, null, e.time(), key, value));
            }
            producer.flush();
        }
        return bytes;
    }

    private static double record(String bootstrap, Path queueDir, int events) throws Exception {
        AtomicReference<Recorder> recorder = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        long[] startNanos = new long[1];
        Thread t = new Thread(() -> {
            try (RecordingQueue q = RecordingQueue.openForWriting(queueDir)) {
                Properties client = new Properties();
                client.put("bootstrap.servers", bootstrap);
                Recorder r = new Recorder(q, client, new Recorder.Options(List.of("bench-events"),
                        Recorder.StartAt.EARLIEST, null, false, Duration.ofHours(1), Duration.ofSeconds(5)),
                        new PrintWriter(new StringWriter()));
                startNanos[0] = System.nanoTime();
                recorder.set(r);
                r.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "recorder");
        t.start();
        while ((recorder.get() == null || recorder.get().recorded() < events) && failed.get() == null) {
            Thread.sleep(2);
        }
        long elapsed = System.nanoTime() - startNanos[0];
        recorder.get().stop();
        t.join();
        if (failed.get() != null) {
            throw new IllegalStateException(failed.get());
        }
        return events * 1e9 / elapsed;
    }

    private static double read(Path queueDir, int events) {
        long t0 = System.nanoTime();
        long n = 0;
        try (RecordingQueue q = RecordingQueue.openForReading(queueDir); RecordingQueue.Reader r = q.reader()) {
            for (RecordedRecord x = r.next(); x != null; x = r.next()) {
                n++;
            }
        }
        if (n != events) {
            throw new IllegalStateException("read " + n + " records, expected " + events);
        }
        return n * 1e9 / (System.nanoTime() - t0);
    }

    private static double replay(String bootstrap, Path queueDir, String topic, int events) throws Exception {
        createTopic(bootstrap, topic);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        try (RecordingQueue q = RecordingQueue.openForReading(queueDir);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            Replayer.Summary s = new Replayer(q, producer, new Replayer.Options(topic, Double.POSITIVE_INFINITY,
                    Long.MIN_VALUE, Long.MAX_VALUE, null, true), new PrintWriter(new StringWriter()), false, Long.MAX_VALUE).run();
            if (s.replayed() != events) {
                throw new IllegalStateException("replayed " + s.replayed() + ", expected " + events);
            }
            return events * 1e9 / s.elapsedNanos();
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Allocated bytes of the directory ({@code du -sk}), not the sparse files' apparent size. */
    private static long allocatedBytes(Path dir) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]) * 1024;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
