package io.entroflow.app.record;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Puts records read in queue order into timestamp order across partitions, within a bounded
 * look-ahead, without ever reordering a partition: the records of each partition wait in their own
 * FIFO, and the next record is the head with the smallest timestamp (ties: the one read first).
 * A recorder that caught up on a backlog wrote each partition in chunks of many records; this
 * interleaves them again as they were produced, as far as {@code lookahead} records reach.
 *
 * <p>O(partitions) per record; holds at most {@code lookahead} records. Single-threaded.
 */
final class TimeOrderedMerge {
    private record Entry(RecordedRecord record, long seq) {
    }

    private final Supplier<RecordedRecord> source;
    private final int lookahead;
    private final Map<TopicPartition, ArrayDeque<Entry>> fifos = new LinkedHashMap<>();
    private int buffered;
    private long seq;
    private boolean exhausted;

    /**
     * @param source    records in queue order; null at the end
     * @param lookahead records read ahead, &ge; 1 (1: queue order)
     */
    TimeOrderedMerge(Supplier<RecordedRecord> source, int lookahead) {
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead: must be >= 1, got " + lookahead);
        }
        this.source = source;
        this.lookahead = lookahead;
    }

    /** Records read from the source and not yet returned. */
    int buffered() {
        return buffered;
    }

    /** The next record in merged order, or null when the source and the buffer are empty. */
    RecordedRecord next() {
        while (!exhausted && buffered < lookahead) {
            RecordedRecord r = source.get();
            if (r == null) {
                exhausted = true;
            } else {
                fifos.computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayDeque<>())
                        .addLast(new Entry(r, seq++));
                buffered++;
            }
        }
        ArrayDeque<Entry> best = null;
        for (ArrayDeque<Entry> fifo : fifos.values()) {
            Entry head = fifo.peekFirst();
            if (head != null && (best == null || head.record().timestamp() < best.peekFirst().record().timestamp()
                    || (head.record().timestamp() == best.peekFirst().record().timestamp()
                    && head.seq() < best.peekFirst().seq()))) {
                best = fifo;
            }
        }
        if (best == null) {
            return null;
        }
        buffered--;
        return best.pollFirst().record();
    }
}
