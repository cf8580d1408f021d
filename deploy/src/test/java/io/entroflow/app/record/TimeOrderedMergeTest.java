package io.entroflow.app.record;

import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedMergeTest {

    private static RecordedRecord r(int partition, long offset, long timestamp) {
        return new RecordedRecord("t", partition, offset, timestamp, TimestampType.CREATE_TIME, List.of(), null, null);
    }

    private static List<String> merge(List<RecordedRecord> queueOrder, int lookahead) {
        Iterator<RecordedRecord> it = queueOrder.iterator();
        TimeOrderedMerge m = new TimeOrderedMerge(() -> it.hasNext() ? it.next() : null, lookahead);
        List<String> out = new ArrayList<>();
        for (RecordedRecord x = m.next(); x != null; x = m.next()) {
            out.add(x.partition() + "@" + x.offset());
        }
        return out;
    }

    @Test
    void shouldInterleavePartitionsRecordedInChunksByTimestamp() {
        List<RecordedRecord> chunks = List.of(r(0, 0, 10), r(0, 1, 30), r(0, 2, 50), r(1, 0, 20), r(1, 1, 40), r(1, 2, 60));
        assertThat(merge(chunks, 100)).containsExactly("0@0", "1@0", "0@1", "1@1", "0@2", "1@2");
    }

    @Test
    void shouldNeverReorderAPartitionEvenWhenItsTimestampsGoBack() {
        List<RecordedRecord> q = List.of(r(0, 0, 50), r(0, 1, 10), r(1, 0, 20));
        assertThat(merge(q, 100)).containsExactly("1@0", "0@0", "0@1");
    }

    @Test
    void shouldKeepQueueOrderForEqualTimestamps() {
        List<RecordedRecord> q = List.of(r(1, 0, 5), r(0, 0, 5), r(0, 1, 1));
        assertThat(merge(q, 100)).containsExactly("1@0", "0@0", "0@1");
    }

    @Test
    void shouldKeepQueueOrderWithALookaheadOfOne() {
        List<RecordedRecord> chunks = List.of(r(0, 0, 10), r(0, 1, 30), r(1, 0, 20), r(1, 1, 40));
        assertThat(merge(chunks, 1)).containsExactly("0@0", "0@1", "1@0", "1@1");
    }
}
