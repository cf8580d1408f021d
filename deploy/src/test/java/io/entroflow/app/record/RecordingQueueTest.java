package io.entroflow.app.record;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingQueueTest {
    @TempDir
    Path dir;

    private static RecordedRecord record(String topic, int partition, long offset) {
        return new RecordedRecord(topic, partition, offset, 1_000 + offset, TimestampType.CREATE_TIME,
                List.of(new RecordedHeader("h", null)), ("k" + offset).getBytes(StandardCharsets.UTF_8),
                offset % 3 == 0 ? null : new byte[] {(byte) offset});
    }

    private static List<RecordedRecord> readAll(RecordingQueue q) {
        List<RecordedRecord> out = new ArrayList<>();
        try (RecordingQueue.Reader r = q.reader()) {
            for (RecordedRecord x = r.next(); x != null; x = r.next()) {
                out.add(x);
            }
        }
        return out;
    }

    @Test
    void shouldReadBackRecordsInOrderSkippingCheckpoints() {
        List<RecordedRecord> written = new ArrayList<>();
        try (RecordingQueue q = RecordingQueue.openForWriting(dir.resolve("q"))) {
            q.checkpoint(Map.of());
            for (int i = 0; i < 50; i++) {
                RecordedRecord r = record(i % 2 == 0 ? "a" : "b", i % 3, i);
                q.append(r);
                written.add(r);
                if (i % 10 == 0) {
                    q.checkpoint(Map.of(new TopicPartition("a", 0), (long) i));
                }
            }
        }
        try (RecordingQueue q = RecordingQueue.openForReading(dir.resolve("q"))) {
            assertThat(readAll(q)).containsExactlyElementsOf(written);
            assertThat(q.documentCount()).isEqualTo(50 + 1 + 5);
        }
    }

    @Test
    void shouldAppendAConsumerRecordWithItsHeadersTimestampTypeAndNulls() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("a", new byte[] {1, 2}));
        headers.add(new RecordHeader("b", (byte[]) null));
        ConsumerRecord<byte[], byte[]> c = new ConsumerRecord<>("t", 2, 42, 1234L, TimestampType.LOG_APPEND_TIME,
                -1, 0, null, new byte[0], headers, Optional.empty());
        try (RecordingQueue q = RecordingQueue.openForWriting(dir)) {
            q.append(c);
            assertThat(readAll(q)).containsExactly(new RecordedRecord("t", 2, 42, 1234L, TimestampType.LOG_APPEND_TIME,
                    List.of(new RecordedHeader("a", new byte[] {1, 2}), new RecordedHeader("b", null)), null, new byte[0]));
        }
    }

    @Test
    void shouldResumeAfterTheNewestRecordOfEachPartitionOrTheCheckpoint() {
        TopicPartition a0 = new TopicPartition("a", 0);
        TopicPartition a1 = new TopicPartition("a", 1);
        TopicPartition b0 = new TopicPartition("b", 0);
        TopicPartition old = new TopicPartition("old", 0);
        try (RecordingQueue q = RecordingQueue.openForWriting(dir)) {
            assertThat(q.resumePositions()).isEmpty();
            q.checkpoint(Map.of(old, 99L));
            q.append(record("a", 0, 0));
            q.checkpoint(Map.of(a0, 1L, a1, 7L, b0, 0L, old, 100L)); // a1 started at 7, nothing recorded yet
            q.append(record("a", 0, 1));
            q.append(record("b", 0, 0));
            q.append(record("a", 0, 5)); // offsets may skip (transaction markers)
        }
        try (RecordingQueue q = RecordingQueue.openForWriting(dir)) {
            assertThat(q.resumePositions()).isEqualTo(Map.of(a0, 6L, a1, 7L, b0, 1L, old, 100L));
            assertThat(q.sourcePartitions()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseASecondWriterWhileTheFirstHasTheQueueOpen() {
        Path q = dir.resolve("q");
        try (RecordingQueue first = RecordingQueue.openForWriting(q)) {
            first.checkpoint(Map.of());
            assertThatThrownBy(() -> RecordingQueue.openForWriting(q))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--queue: '" + q + "' is being recorded into by another recorder (pid "
                            + ProcessHandle.current().pid() + "); one recorder per queue");
            try (RecordingQueue reader = RecordingQueue.openForReading(q)) {
                assertThat(reader.lastCheckpoint()).isNotNull();
            }
        }
        try (RecordingQueue again = RecordingQueue.openForWriting(q)) {
            again.checkpoint(Map.of());
        }
    }

    @Test
    void shouldRefuseToReadAMissingOrEmptyDirectoryOrAFile() throws Exception {
        assertThatThrownBy(() -> RecordingQueue.openForReading(dir.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--queue").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> RecordingQueue.openForReading(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no recording");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> RecordingQueue.openForReading(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> RecordingQueue.openForWriting(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void shouldReportAForeignDocumentAsCorrupt() {
        try (SingleChronicleQueue raw = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RecordingQueue.ROLL_CYCLE)
                .build(); ExcerptAppender appender = raw.createAppender()) {
            try (DocumentContext dc = appender.writingDocument()) {
                dc.wire().bytes().writeByte((byte) 0x7F).writeInt(1);
            }
        }
        try (RecordingQueue q = RecordingQueue.openForReading(dir); RecordingQueue.Reader r = q.reader()) {
            assertThatThrownBy(r::next).isInstanceOf(CorruptRecordingException.class).hasMessageContaining("unknown kind");
        }
    }

    @Test
    void shouldRefuseAFileThatIsNotAQueue() throws Exception {
        Files.write(dir.resolve("20261203.cq4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> {
            try (RecordingQueue q = RecordingQueue.openForReading(dir)) {
                readAll(q);
            }
        }).isInstanceOf(CorruptRecordingException.class).hasMessageContaining(dir.toString());
    }
}
