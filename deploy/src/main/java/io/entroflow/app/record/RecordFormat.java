package io.entroflow.app.record;

import net.openhft.chronicle.bytes.Bytes;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary layout of one document (Chronicle Queue excerpt) of a recording. Little-endian (the
 * byte order of Chronicle's {@code Bytes}); {@code str} is a u16 length and UTF-8 bytes; {@code
 * blob} is an i32 length, -1 for null, and the bytes, so null and empty stay distinct.
 *
 * <pre>
 * document   := kind:u8 body
 * kind 0x01  record v1:     topic:str partition:i32 offset:i64 timestamp:i64 timestampType:i8 (-1 none, 0 create, 1 log append)
 *                           key:blob value:blob headerCount:i32 (headerKey:str headerValue:blob)*
 * kind 0x02  checkpoint v1: writtenAtMillis:i64 count:i32 (topic:str partition:i32 nextOffset:i64)*
 * </pre>
 *
 * A checkpoint holds, for every partition the recorder is assigned, the next offset to record:
 * every record of that partition below it is in the queue before the checkpoint. Stateless and
 * thread-safe.
 */
final class RecordFormat {
    static final byte RECORD_V1 = 0x01;
    static final byte CHECKPOINT_V1 = 0x02;

    private RecordFormat() {
    }

    static void writeRecord(Bytes<?> out, String topic, int partition, long offset, long timestamp,
                            TimestampType timestampType, Iterable<RecordedHeader> headers, byte[] key, byte[] value) {
        out.writeByte(RECORD_V1);
        writeString(out, topic);
        out.writeInt(partition);
        out.writeLong(offset);
        out.writeLong(timestamp);
        out.writeByte((byte) timestampType.id);
        writeBlob(out, key);
        writeBlob(out, value);
        long countAt = out.writePosition();
        out.writeInt(0);
        int count = 0;
        for (RecordedHeader h : headers) {
            writeString(out, h.key());
            writeBlob(out, h.value());
            count++;
        }
        out.writeInt(countAt, count);
    }

    static void writeRecord(Bytes<?> out, RecordedRecord r) {
        writeRecord(out, r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(), r.headers(), r.key(),
                r.value());
    }

    static void writeCheckpoint(Bytes<?> out, Checkpoint c) {
        out.writeByte(CHECKPOINT_V1);
        out.writeLong(c.writtenAtMillis());
        out.writeInt(c.nextOffsets().size());
        for (Map.Entry<TopicPartition, Long> e : c.nextOffsets().entrySet()) {
            writeString(out, e.getKey().topic());
            out.writeInt(e.getKey().partition());
            out.writeLong(e.getValue());
        }
    }

    /** The kind byte of the document at the read position, without consuming it. */
    static byte kind(Bytes<?> in) {
        if (in.readRemaining() < 1) {
            throw new CorruptRecordingException("empty document");
        }
        return in.readByte(in.readPosition());
    }

    static RecordedRecord readRecord(Bytes<?> in) {
        return readRecord(in, new LastString());
    }

    /** {@link #readRecord(Bytes)}, the topic name read through {@code topics} (one String per run of one topic). */
    static RecordedRecord readRecord(Bytes<?> in, LastString topics) {
        try {
            expectKind(in, RECORD_V1);
            String topic = topics.read(in);
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            TimestampType type = timestampType(in.readByte());
            byte[] key = readBlob(in);
            byte[] value = readBlob(in);
            int count = in.readInt();
            if (count < 0 || count > in.readRemaining() / 6) {
                throw new CorruptRecordingException("header count " + count);
            }
            List<RecordedHeader> headers = count == 0 ? List.of() : new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                headers.add(new RecordedHeader(readString(in), readBlob(in)));
            }
            return new RecordedRecord(topic, partition, offset, timestamp, type, headers, key, value);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptRecordingException("truncated or malformed record: " + e.getMessage());
        }
    }

    static Checkpoint readCheckpoint(Bytes<?> in) {
        try {
            expectKind(in, CHECKPOINT_V1);
            long at = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > in.readRemaining() / 14) {
                throw new CorruptRecordingException("checkpoint entry count " + count);
            }
            Map<TopicPartition, Long> next = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                next.put(new TopicPartition(readString(in), in.readInt()), in.readLong());
            }
            return new Checkpoint(at, next);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new CorruptRecordingException("truncated or malformed checkpoint: " + e.getMessage());
        }
    }

    private static TimestampType timestampType(byte id) {
        for (TimestampType t : TimestampType.values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new CorruptRecordingException("timestamp type " + id);
    }

    private static void expectKind(Bytes<?> in, byte kind) {
        byte k = in.readByte();
        if (k != kind) {
            throw new CorruptRecordingException("document kind " + k + ", expected " + kind);
        }
    }

    private static void writeString(Bytes<?> out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("string: at most 65,535 UTF-8 bytes, got " + b.length);
        }
        out.writeShort((short) b.length);
        out.write(b);
    }

    private static String readString(Bytes<?> in) {
        byte[] b = new byte[readStringLength(in)];
        in.read(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int readStringLength(Bytes<?> in) {
        int n = in.readShort() & 0xFFFF;
        if (n > in.readRemaining()) {
            throw new CorruptRecordingException("string length " + n + " beyond the document");
        }
        return n;
    }

    /**
     * Reads strings as {@link #readString} does, returning the previous one's instance when the bytes
     * are the same (a recording's records come in long runs of one topic): no array or String per
     * record then. One reader thread.
     */
    static final class LastString {
        private byte[] scratch = new byte[64];
        private byte[] bytes;
        private String value;

        String read(Bytes<?> in) {
            int n = readStringLength(in);
            if (scratch.length < n) {
                scratch = new byte[Math.max(n, 2 * scratch.length)];
            }
            in.read(scratch, 0, n);
            if (bytes == null || !Arrays.equals(bytes, 0, bytes.length, scratch, 0, n)) {
                bytes = Arrays.copyOf(scratch, n);
                value = new String(bytes, StandardCharsets.UTF_8);
            }
            return value;
        }
    }

    private static void writeBlob(Bytes<?> out, byte[] b) {
        if (b == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(b.length);
            out.write(b);
        }
    }

    private static byte[] readBlob(Bytes<?> in) {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < -1 || n > in.readRemaining()) {
            throw new CorruptRecordingException("blob length " + n + " beyond the document");
        }
        byte[] b = new byte[n];
        in.read(b);
        return b;
    }
}
