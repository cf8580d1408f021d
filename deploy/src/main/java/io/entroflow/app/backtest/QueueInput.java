package io.entroflow.app.backtest;

import io.entroflow.app.record.Checkpoint;
import io.entroflow.app.record.CorruptRecordingException;
import io.entroflow.app.record.RecordedHeader;
import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.RecordingQueue;
import io.entroflow.topology.offline.OfflineRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The records of the spec's input topics in a recording, in recorded order (the order the recorder
 * appended them: each partition in offset order; partitions and topics interleaved as they were
 * consumed), with their topics, partitions, offsets, timestamps, headers, keys and values as
 * recorded. Records of other topics are skipped. The recording must hold every input topic of the
 * spec (its newest checkpoint lists the recorded partitions).
 */
public final class QueueInput implements BacktestInput {
    private final Path dir;
    private final RecordingQueue queue;
    private final RecordingQueue.Reader reader;
    private final Set<String> topics;
    private final int partitions;

    /**
     * Opens the recording in {@code dir} for the spec's {@code inputTopics}.
     *
     * @throws BadInputException missing or corrupt queue, or an input topic the recording does not hold
     */
    public QueueInput(Path dir, List<String> inputTopics) {
        this.dir = dir;
        try {
            this.queue = RecordingQueue.openForReading(dir);
        } catch (IllegalArgumentException | CorruptRecordingException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try {
            Checkpoint c = queue.lastCheckpoint();
            Set<String> recorded = new TreeSet<>();
            if (c != null) {
                c.nextOffsets().keySet().forEach(tp -> recorded.add(tp.topic()));
            }
            List<String> missing = inputTopics.stream().filter(t -> !recorded.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new BadInputException("--queue: '" + dir + "' holds no records of input topic" + (missing.size() == 1
                        ? " '" + missing.get(0) + "'" : "s " + missing) + " of the spec (recorded topics: "
                        + recorded + ")");
            }
            this.partitions = Math.max(1, c.nextOffsets().keySet().stream().filter(tp -> tp.topic().equals(inputTopics.get(0)))
                    .mapToInt(TopicPartition::partition).max().orElse(0) + 1);
            this.topics = Set.copyOf(inputTopics);
            this.reader = queue.reader();
        } catch (CorruptRecordingException e) {
            queue.close();
            throw new BadInputException(e.getMessage(), e);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    @Override
    public OfflineRecord next() {
        try {
            while (true) {
                RecordedRecord r = reader.next();
                if (r == null) {
                    return null;
                }
                if (!topics.contains(r.topic())) {
                    continue;
                }
                RecordHeaders h = r.headers().isEmpty() ? null : new RecordHeaders(); // null: none (OfflineRecord)
                for (RecordedHeader x : r.headers()) {
                    h.add(x.key(), x.value());
                }
                return new OfflineRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value(), h);
            }
        } catch (CorruptRecordingException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    @Override
    public String position() {
        return "--queue: '" + dir + "' document " + reader.documentsRead();
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public String describe() {
        return "queue " + dir;
    }

    @Override
    public void close() {
        reader.close();
        queue.close();
    }
}
