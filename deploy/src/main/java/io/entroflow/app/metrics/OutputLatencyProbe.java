package io.entroflow.app.metrics;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Measures, from outside the stream threads, how old a monitor's outputs are when they become
 * visible: a {@code read_committed} consumer of the aggregates and alert-events topics records, for
 * each record, wall-clock time at receipt minus the record's timestamp into a {@link LatencyRecorder}
 * per output. An interval aggregate's timestamp is its interval boundary in event time, an alert
 * transition's the time of the aggregate that caused it; so when event times are wall-clock times (live
 * traffic, the demo) this is the end-to-end latency from the event that closed an interval to its
 * aggregate (or alert) being committed: queueing, processing, the commit interval and the transaction.
 * On a replay of old data it measures the replay's age instead. Aggregates answering a request (trigger
 * {@code request}) are left out: their timestamp is the stream time at the request, however old.
 *
 * <p>The consumer is assigned every partition and starts at the end (only new outputs; no consumer
 * group, no offsets committed). It runs on its own daemon thread until {@link #close}; if the
 * consumer fails (e.g. no read permission on a secured cluster) it logs once and stops, and the
 * latency metrics stay empty.
 */
public final class OutputLatencyProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputLatencyProbe.class);

    private final String aggregatesTopic;
    private final String alertEventsTopic;
    private final LongConsumer aggregates;
    private final LongConsumer alerts;
    private final Map<String, LatencyRecorder> recorders;
    private final LongSupplier clock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<AggregateRecord> aggregateReader = JsonSerde.of(AggregateRecord.class).deserializer();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the probe.
     *
     * @param clientConfig     Kafka client settings (bootstrap servers, security)
     * @param clientId         the consumer's client id
     * @param aggregatesTopic  the monitor's aggregates topic
     * @param alertEventsTopic the monitor's alert-events topic
     * @param aggregates       where aggregate latencies go
     * @param alerts           where alert-event latencies go
     */
    public OutputLatencyProbe(Properties clientConfig, String clientId, String aggregatesTopic, String alertEventsTopic,
                              LatencyRecorder aggregates, LatencyRecorder alerts) {
        this(clientConfig, clientId, aggregatesTopic, alertEventsTopic, aggregates, alerts, System::currentTimeMillis);
    }

    OutputLatencyProbe(Properties clientConfig, String clientId, String aggregatesTopic, String alertEventsTopic,
                       LatencyRecorder aggregates, LatencyRecorder alerts, LongSupplier clock) {
        this(clientConfig, clientId, aggregatesTopic, alertEventsTopic, aggregates::recordMillis, alerts::recordMillis,
                Map.of("aggregates", aggregates, "alert-events", alerts), clock);
    }

    /**
     * Starts a probe that hands each latency, in milliseconds, to the given consumers (called on the
     * probe's thread) instead of recorders: {@code entroflow bench} keeps whole-run histograms.
     */
    public OutputLatencyProbe(Properties clientConfig, String clientId, String aggregatesTopic, String alertEventsTopic,
                              LongConsumer aggregatesMillis, LongConsumer alertsMillis) {
        this(clientConfig, clientId, aggregatesTopic, alertEventsTopic, aggregatesMillis, alertsMillis, Map.of(),
                System::currentTimeMillis);
    }

    private OutputLatencyProbe(Properties clientConfig, String clientId, String aggregatesTopic, String alertEventsTopic,
                               LongConsumer aggregates, LongConsumer alerts, Map<String, LatencyRecorder> recorders,
                               LongSupplier clock) {
        this.aggregatesTopic = aggregatesTopic;
        this.alertEventsTopic = alertEventsTopic;
        this.aggregates = aggregates;
        this.alerts = alerts;
        this.recorders = recorders;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(OutputConsumers.readCommitted(clientConfig, clientId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "entroflow-output-latency");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (consumer) {
            consumer.seekToEnd(OutputConsumers.assignAll(consumer, List.of(aggregatesTopic, alertEventsTopic)));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    long ageMillis = clock.getAsLong() - r.timestamp();
                    if (r.topic().equals(alertEventsTopic)) {
                        alerts.accept(ageMillis);
                    } else if (!isRequestAnswer(r)) {
                        aggregates.accept(ageMillis);
                    }
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("output latency probe stopped, its metrics stay empty: {}", e.toString());
            }
        }
    }

    private boolean isRequestAnswer(ConsumerRecord<byte[], byte[]> r) {
        try {
            AggregateRecord a = aggregateReader.deserialize(r.topic(), r.value());
            return a != null && AggregateRecord.REQUEST.equals(a.trigger());
        } catch (RuntimeException e) {
            return true; // not an aggregate we can read: not measured
        }
    }

    /** Stops the consumer; waits up to 5 s for its thread. */
    @Override
    public void close() {
        running = false;
        OutputConsumers.stop(consumer, thread);
    }

    /** The recorders by output name ({@code aggregates}, {@code alert-events}); empty for a probe built with consumers. */
    public Map<String, LatencyRecorder> recorders() {
        return recorders;
    }
}
