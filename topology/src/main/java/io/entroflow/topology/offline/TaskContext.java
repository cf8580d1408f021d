package io.entroflow.topology.offline;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ProcessorContext} the processors of an {@link OfflineTask} see: forwarding, stores,
 * stream-time and wall-clock punctuation, the metadata of the record at hand, the configuration. The
 * wall clock is the run's ({@link OfflineRunner#wallClock}; by default the task's stream time);
 * there are no metrics, state directory or commits (a commit is a no-op).
 */
final class TaskContext implements ProcessorContext<Object, Object> {
    private final OfflineTask task;
    private final Map<String, Object> configs;
    private final Metadata current = new Metadata();
    private final Optional<RecordMetadata> currentMetadata = Optional.of(current);

    TaskContext(OfflineTask task, Map<String, Object> configs) {
        this.task = task;
        this.configs = configs;
    }

    @Override
    public <K, V> void forward(Record<K, V> record) {
        forward(record, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record, String childName) {
        task.forward(task.node, (Record<Object, Object>) record, childName);
    }

    @Override
    public String applicationId() {
        return String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG));
    }

    @Override
    public TaskId taskId() {
        return task.id;
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        if (task.metadata == null) {
            task.metadata = metadata();
        }
        return task.metadata;
    }

    private Optional<RecordMetadata> metadata() {
        if (task.topic == null) {
            return Optional.empty();
        }
        current.topic = task.topic;
        current.partition = task.partition;
        current.offset = task.offset;
        return currentMetadata;
    }

    /**
     * The metadata of the record at hand, one object per task refilled for each record (no allocation
     * per record): valid while that record is processed, which is all the monitor's processors use.
     */
    private static final class Metadata implements RecordMetadata {
        String topic;
        int partition;
        long offset;

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public int partition() {
            return partition;
        }

        @Override
        public long offset() {
            return offset;
        }
    }

    @Override
    public Serde<?> keySerde() {
        return null;
    }

    @Override
    public Serde<?> valueSerde() {
        return null;
    }

    @Override
    public File stateDir() {
        throw new UnsupportedOperationException("offline run: no state directory (stores are in memory)");
    }

    @Override
    public StreamsMetrics metrics() {
        throw new UnsupportedOperationException("offline run: no Kafka Streams metrics");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends StateStore> S getStateStore(String name) {
        return (S) task.store(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        return schedule(Instant.EPOCH, interval, type, callback); // stream time: aligned to 0, as Kafka Streams does
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        if (type == PunctuationType.WALL_CLOCK_TIME) {
            return task.scheduleWallClock(interval.toMillis(), callback);
        }
        return task.schedule(startTime.toEpochMilli(), interval.toMillis(), callback);
    }

    @Override
    public void commit() {
    }

    @Override
    public Map<String, Object> appConfigs() {
        return configs;
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        Map<String, Object> m = new HashMap<>();
        configs.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    @Override
    public long currentSystemTimeMs() {
        return task.wallClockMillis();
    }

    @Override
    public long currentStreamTimeMs() {
        return task.streamTime();
    }
}
