package io.entroflow.app.record;

import net.openhft.chronicle.bytes.Bytes;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordFormatTest {

    private static RecordedRecord roundTrip(RecordedRecord r) {
        Bytes<?> b = Bytes.allocateElasticOnHeap();
        RecordFormat.writeRecord(b, r);
        assertThat(RecordFormat.kind(b)).isEqualTo(RecordFormat.RECORD_V1);
        RecordedRecord back = RecordFormat.readRecord(b);
        assertThat(b.readRemaining()).isZero();
        return back;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldKeepANullKeyAndValueDistinctFromEmptyOnes() {
        RecordedRecord nulls = new RecordedRecord("t", 0, 5, 1_000, TimestampType.CREATE_TIME, List.of(), null, null);
        RecordedRecord empties = new RecordedRecord("t", 0, 5, 1_000, TimestampType.CREATE_TIME, List.of(),
                new byte[0], new byte[0]);
        RecordedRecord nullsBack = roundTrip(nulls);
        RecordedRecord emptiesBack = roundTrip(empties);
        assertThat(nullsBack.key()).isNull();
        assertThat(nullsBack.value()).isNull();
        assertThat(emptiesBack.key()).isEmpty();
        assertThat(emptiesBack.value()).isEmpty();
        assertThat(nullsBack).isEqualTo(nulls).isNotEqualTo(emptiesBack);
        assertThat(emptiesBack).isEqualTo(empties);
    }

    @Test
    void shouldRoundTripEveryByteValueAndHeadersWithNullValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        List<RecordedHeader> headers = List.of(new RecordedHeader("trace", utf8("abc")), new RecordedHeader("gone", null),
                new RecordedHeader("empty", new byte[0]), new RecordedHeader("trace", all),
                new RecordedHeader("ünïcødé ✓", utf8("x")));
        RecordedRecord r = new RecordedRecord("topic.with-ünicode_1", 7, Long.MAX_VALUE - 1, 1_764_756_930_123L,
                TimestampType.LOG_APPEND_TIME, headers, all, new byte[] {0, 0, -1, 0});
        RecordedRecord back = roundTrip(r);
        assertThat(back).isEqualTo(r);
        assertThat(back.headers()).hasSize(5);
        assertThat(back.headers().get(1).value()).isNull();
        assertThat(back.headers().get(2).value()).isEmpty();
        assertThat(back.headers().get(3).value()).isEqualTo(all);
    }

    @Test
    void shouldRoundTripARecordWithoutTimestamp() {
        RecordedRecord r = new RecordedRecord("t", 0, 0, -1, TimestampType.NO_TIMESTAMP_TYPE, List.of(), utf8("k"), null);
        assertThat(roundTrip(r)).isEqualTo(r);
    }

    @Test
    void shouldRoundTripACheckpoint() {
        Checkpoint c = new Checkpoint(1_764_756_930_000L, Map.of(new TopicPartition("a", 0), 17L,
                new TopicPartition("a", 1), 0L, new TopicPartition("b", 3), 123_456_789_012L));
        Bytes<?> b = Bytes.allocateElasticOnHeap();
        RecordFormat.writeCheckpoint(b, c);
        assertThat(RecordFormat.kind(b)).isEqualTo(RecordFormat.CHECKPOINT_V1);
        assertThat(RecordFormat.readCheckpoint(b)).isEqualTo(c);
    }

    @Test
    void shouldRejectATruncatedRecordAsCorrupt() {
        Bytes<?> b = Bytes.allocateElasticOnHeap();
        RecordFormat.writeRecord(b, new RecordedRecord("t", 0, 1, 2, TimestampType.CREATE_TIME,
                List.of(new RecordedHeader("h", utf8("v"))), utf8("key"), utf8("value")));
        Bytes<?> truncated = Bytes.allocateElasticOnHeap();
        truncated.write(b, 0, b.readRemaining() - 3);
        assertThatThrownBy(() -> RecordFormat.readRecord(truncated)).isInstanceOf(CorruptRecordingException.class);
    }

    @Test
    void shouldRejectALengthBeyondTheDocumentAsCorrupt() {
        Bytes<?> b = Bytes.allocateElasticOnHeap();
        b.writeByte(RecordFormat.RECORD_V1);
        b.writeShort((short) 1);
        b.write(utf8("t"));
        b.writeInt(0);
        b.writeLong(0);
        b.writeLong(0);
        b.writeByte((byte) 0);
        b.writeInt(1_000_000);
        assertThatThrownBy(() -> RecordFormat.readRecord(b)).isInstanceOf(CorruptRecordingException.class)
                .hasMessageContaining("blob length 1000000");
    }
}
