package io.entroflow.app.bench;

import io.entroflow.app.broker.KafkaTarget;
import io.entroflow.app.demo.DemoStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes {@link DemoStream} events (the demo's: {@code key, ts, kind, x, y, latency}, over any
 * number of keys) to a topic: record key = the event key, record timestamp = the event time. In
 * bulk for the throughput runs, or paced at a fixed rate for the latency run.
 */
public final class BenchEvents {
    private BenchEvents() {
    }

    /** Creates {@code topic} with {@code partitions} partitions (the broker's replication factor). */
    public static void createTopic(KafkaTarget target, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(target.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** Writes the first {@code limit} events of {@code stream} as fast as the broker takes them (acks=all); returns the count. */
    public static long produceAll(KafkaTarget target, String topic, DemoStream stream, long limit, ProgressLine progress) {
        long sent = 0;
        long t0 = System.nanoTime();
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, String> p = producer(target, 50, 262_144)) {
            while (sent < limit && stream.hasNext() && failed.get() == null) {
                DemoStream.Event e = stream.next();
                p.send(new ProducerRecord<>(topic, null, e.time(), e.key(), e.json()), (m, ex) -> {
                    if (ex != null) {
                        failed.compareAndSet(null, ex);
                    }
                });
                if (++sent % 10_000 == 0) {
                    progress.update("produce", sent, Math.min(limit, stream.size()), sent / ((System.nanoTime() - t0) / 1e9));
                }
            }
            p.flush();
        }
        progress.finish();
        if (failed.get() != null) {
            throw new IllegalStateException("bench: producing to " + topic + " failed: " + failed.get().getMessage(),
                    failed.get());
        }
        return sent;
    }

    /**
     * Writes the events of {@code stream} at their event times: event i is sent when the wall clock
     * reaches its event time (the stream's start must be about now), until the stream ends or
     * {@code stop} is set. {@code sent} counts the events handed to the producer.
     */
    public static void producePaced(KafkaTarget target, String topic, DemoStream stream, AtomicBoolean stop,
                                    AtomicLong sent) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, String> p = producer(target, 5, 65_536)) {
            while (stream.hasNext() && !stop.get() && failed.get() == null) {
                DemoStream.Event e = stream.next();
                long wait = e.time() - System.currentTimeMillis();
                if (wait > 0) {
                    LockSupport.parkNanos(wait * 1_000_000L);
                }
                p.send(new ProducerRecord<>(topic, null, e.time(), e.key(), e.json()), (m, ex) -> {
                    if (ex != null) {
                        failed.compareAndSet(null, ex);
                    }
                });
                sent.incrementAndGet();
            }
            p.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("bench: producing to " + topic + " failed: " + failed.get().getMessage(),
                    failed.get());
        }
    }

    private static KafkaProducer<String, String> producer(KafkaTarget target, int lingerMs, int batchBytes) {
        Properties p = target.clientConfig();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
