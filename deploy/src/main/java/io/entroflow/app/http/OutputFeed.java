package io.entroflow.app.http;

import io.entroflow.app.metrics.OutputConsumers;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A monitor's committed outputs as they appear, for the history and the live dashboard: a
 * {@code read_committed} consumer of the aggregates and alert-events topics (every partition, no
 * consumer group, nothing committed) that starts {@code backfill} records before the end of each
 * partition and hands every readable record to an {@link AggregateHistory} and, once it has caught
 * up with what was there at start, to the {@link EventHub} (live only). A record it cannot read is
 * skipped (the monitor wrote it; nothing to repair here). Runs on its own daemon thread until
 * {@link #close}; if the consumer fails (e.g. no read permission) it logs once and stops: history and
 * live events then stay as they are.
 */
public final class OutputFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFeed.class);

    private final String aggregatesTopic;
    private final String alertEventsTopic;
    private final int backfill;
    private final AggregateHistory history;
    private final EventHub hub;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<AggregateRecord> aggregates = JsonSerde.of(AggregateRecord.class).deserializer();
    private final Deserializer<AlertRecord> alerts = JsonSerde.of(AlertRecord.class).deserializer();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts the feed.
     *
     * @param clientConfig Kafka client settings (bootstrap servers, security)
     * @param clientId     the consumer's client id
     * @param backfill     records read back per partition at start, &ge; 0
     */
    public OutputFeed(Properties clientConfig, String clientId, String aggregatesTopic, String alertEventsTopic,
                      int backfill, AggregateHistory history, EventHub hub) {
        this.aggregatesTopic = aggregatesTopic;
        this.alertEventsTopic = alertEventsTopic;
        this.backfill = backfill;
        this.history = history;
        this.hub = hub;
        this.consumer = new KafkaConsumer<>(OutputConsumers.readCommitted(clientConfig, clientId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "entroflow-output-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (consumer) {
            List<TopicPartition> partitions = OutputConsumers.assignAll(consumer, List.of(aggregatesTopic, alertEventsTopic));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - backfill));
            }
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    boolean live = r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()));
                    dispatch(r, live);
                }
            }
        } catch (WakeupException e) {
            // close()
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("output feed stopped, history and live dashboard updates stay as they are: {}", e.toString());
            }
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r, boolean live) {
        try {
            if (r.topic().equals(alertEventsTopic)) {
                AlertRecord a = alerts.deserialize(r.topic(), r.value());
                if (a != null) {
                    history.add(a);
                    if (live) {
                        hub.publish(a);
                    }
                }
            } else {
                AggregateRecord a = aggregates.deserialize(r.topic(), r.value());
                if (a != null) {
                    history.add(a);
                    if (live) {
                        hub.publish(a);
                    }
                }
            }
        } catch (RuntimeException e) {
            // not a record we can read: skipped
        }
    }

    /** Stops the consumer; waits up to 5 s for its thread. */
    @Override
    public void close() {
        running = false;
        OutputConsumers.stop(consumer, thread);
    }
}
