package io.entroflow.app.bench;

import io.entroflow.app.metrics.OutputConsumers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where an interval's latency goes, hop by hop: a {@code read_committed} consumer of the topics an
 * event crosses on its way to an output (the input topic, the monitor's re-key topic, the aggregates
 * topic) records, for every partition and every aggregate interval boundary b = n &middot; I, the wall
 * clock at which the first record with a timestamp &ge; b became readable, minus b. On the input that
 * is the hop of the event that closes the interval (producer, broker); on the re-key topic the same
 * event after parsing and the first transaction commit; on the aggregates topic the first aggregate
 * stamped b after the second commit (and, as {@code aggregates_last}, the last one). Timestamps are event times, and the latency run sends each event
 * when the wall clock reaches its event time, so every figure runs from the (scheduled) send of the
 * event that closes the interval.
 *
 * <p>One consumer thread, no group, starting at the end; costs one extra read of each topic.
 */
final class HopLatencyProbe implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final long interval;
    private final Map<String, LatencyHistogram> byTopic = new LinkedHashMap<>();
    private final Map<String, String> hopOfTopic = new HashMap<>();
    private final Map<TopicPartition, Long> nextBoundary = new HashMap<>();
    /** The last hop's topic (the outputs): the latency of each boundary's last record is kept too. */
    private final String lastTopic;
    private final LatencyHistogram last = new LatencyHistogram();
    private final Map<TopicPartition, long[]> lastSeen = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param clientConfig   Kafka client settings
     * @param clientId       the consumer's client id
     * @param hops           hop name &rarr; topic, in the order an event crosses them
     * @param intervalMillis the aggregate interval I
     */
    HopLatencyProbe(Properties clientConfig, String clientId, Map<String, String> hops, long intervalMillis) {
        this.interval = intervalMillis;
        String lastHop = null;
        for (Map.Entry<String, String> h : hops.entrySet()) {
            byTopic.put(h.getKey(), new LatencyHistogram());
            hopOfTopic.put(h.getValue(), h.getKey());
            lastHop = h.getValue();
        }
        this.lastTopic = lastHop;
        Properties p = OutputConsumers.readCommitted(clientConfig, clientId);
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = OutputConsumers.assignAll(consumer, List.copyOf(hops.values()));
        consumer.seekToEnd(parts);
        this.thread = new Thread(this::run, "entroflow-bench-hops");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    Long next = nextBoundary.get(tp);
                    long boundary = Math.floorDiv(r.timestamp(), interval) * interval;
                    if (r.topic().equals(lastTopic)) {
                        lastOfBoundary(tp, boundary, now);
                    }
                    if (next == null) {
                        nextBoundary.put(tp, boundary + interval); // the first record seen: only later boundaries count
                    } else if (r.timestamp() >= next) {
                        byTopic.get(hopOfTopic.get(r.topic())).accept(now - boundary);
                        nextBoundary.put(tp, boundary + interval);
                    }
                }
            }
        } catch (WakeupException e) {
            // close()
        }
    }

    /** Keeps the arrival of the newest output of each boundary; records it when the next boundary's first arrives. */
    private void lastOfBoundary(TopicPartition tp, long boundary, long now) {
        long[] seen = lastSeen.computeIfAbsent(tp, k -> new long[] {Long.MIN_VALUE, 0});
        if (boundary > seen[0]) {
            if (seen[0] != Long.MIN_VALUE) {
                last.accept(seen[1] - seen[0]);
            }
            seen[0] = boundary;
        }
        if (boundary == seen[0]) {
            seen[1] = now;
        }
    }

    /** Forgets everything recorded so far (the end of the warm-up). */
    void reset() {
        byTopic.values().forEach(LatencyHistogram::reset);
        last.reset();
    }

    /**
     * Hop name &rarr; latencies of the first record of each boundary, in milliseconds, up to now; and
     * {@code <last hop>_last}: of the last output of each boundary (the end of the interval's burst).
     */
    Map<String, LatencyHistogram.Percentiles> percentiles() {
        Map<String, LatencyHistogram.Percentiles> m = new LinkedHashMap<>();
        byTopic.forEach((hop, h) -> {
            h.interval();
            m.put(hop, h.total());
        });
        last.interval();
        m.put(hopOfTopic.get(lastTopic) + "_last", last.total());
        return m;
    }

    @Override
    public void close() {
        running = false;
        OutputConsumers.stop(consumer, thread);
    }
}
