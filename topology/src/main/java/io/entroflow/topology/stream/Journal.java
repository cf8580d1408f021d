package io.entroflow.topology.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encoding of an operator's journal in its store (the record layout; {@link KeyJournal} reads and
 * writes the records, {@link OperatorCheckpoints} the checkpoints). The window's events go in chunks of
 * {@link #CHUNK} events under {@code <key>\0c<chunk index, 16 hex>} ({@code <key>} = the event key's
 * length-prefixed {@link StoreKeys#of store form}, so no key's records fall in another key's range); a chunk's value is a
 * {@link Header} (the key's last and due intervals, sequence, counts and provenance as of the chunk's
 * last write) followed
 * by its events, each event = event time + one long per input signal, as zigzag varints (the time
 * as the difference to the previous event's in the chunk, the first to 0): a symbol takes one byte
 * and a time step a few, about 3 bytes per event instead of 16, which is what the changelog and
 * the commit's flush pay for. Keys sort by chunk index, so
 * one range scan returns a key's chunks in arrival order, and the last chunk's header is the key's
 * current bookkeeping. The per-key meta record, {@code <key>\0m}, is put once, when the key becomes
 * live, and deleted with the key: it marks the key live (the store's key list) and holds the last
 * interval the key has emitted and the interval it is next due as of then; the header's intervals
 * supersede it (stores written before session 10 kept them only there, updated once per interval).
 * The due index ({@link #dueKey}: tick, then key) holds one entry per key with something to emit, so
 * the quiet-key punctuator reads only the keys due now.
 * For operators over decay and cumulative windows, the operator's state before the current chunk
 * is under {@code <key>\0s} ({@link OperatorCheckpoints}).
 */
final class Journal {
    /** Events per chunk. */
    static final int CHUNK = 64;
    private static final String CHUNK_MARK = "\u0000c";
    private static final String META_MARK = "\u0000m";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String CHECKPOINT_MARK = "\u0000s";

    private Journal() {
    }

    static String chunkKey(String key, long chunk) {
        return chunkKeyOfStored(StoreKeys.of(key), chunk);
    }

    /** {@link #chunkKey} of the key whose {@link StoreKeys#of store form} is {@code storeKey}. */
    static String chunkKeyOfStored(String storeKey, long chunk) {
        return storeKey + CHUNK_MARK + hex(chunk);
    }

    static String firstChunkKey(String key) {
        return StoreKeys.of(key) + CHUNK_MARK;
    }

    static String lastChunkKey(String key) {
        return StoreKeys.of(key) + CHUNK_MARK + "g";
    }

    static long chunkIndex(String storeKey) {
        return Long.parseUnsignedLong(storeKey.substring(storeKey.length() - 16), 16);
    }

    static String metaKey(String key) {
        return metaKeyOfStored(StoreKeys.of(key));
    }

    /** {@link #metaKey} of the key whose {@link StoreKeys#of store form} is {@code storeKey}. */
    static String metaKeyOfStored(String storeKey) {
        return storeKey + META_MARK;
    }

    /** The key's operator checkpoint ({@link OperatorCheckpoints}; decay and cumulative windows only). */
    static String checkpointKey(String key) {
        return StoreKeys.of(key) + CHECKPOINT_MARK;
    }

    /** The task's event-time high-water mark (largest event time seen by the processor); no key's record ends so. */
    static final String HIGH_WATER_KEY = "\u0000t";
    /** Present once every key with a meta record is in the due index (stores written before the index had none). */
    static final String INDEXED_KEY = "\u0000i";
    private static final String DUE_MARK = "\u0000d";
    /** Sorts after every store key's first character (a digit, {@link StoreKeys#of}). */
    private static final char DUE_END = '\u00ff';

    /**
     * The due-index entry of {@code key} at interval {@code tick}: {@code \0d}, the tick as 16 hex
     * digits with the sign bit flipped (sorts as a signed number), then the key's store form. Entries
     * sort by tick, so one range scan returns the keys due up to a tick.
     */
    static String dueKey(long tick, String key) {
        return dueKeyOfStored(tick, StoreKeys.of(key));
    }

    /** {@link #dueKey} of the key whose {@link StoreKeys#of store form} is {@code storeKey}. */
    static String dueKeyOfStored(long tick, String storeKey) {
        return DUE_MARK + hex(tick ^ Long.MIN_VALUE) + storeKey;
    }

    /** The lower bound of every due-index entry. */
    static String firstDueKey() {
        return DUE_MARK;
    }

    /** The lower bound of the due-index entries with a tick &ge; {@code tick}. */
    static String firstDueKey(long tick) {
        return DUE_MARK + hex(tick ^ Long.MIN_VALUE);
    }

    /** The upper bound of the due-index entries with a tick &le; {@code tick}. */
    static String lastDueKey(long tick) {
        return DUE_MARK + hex(tick ^ Long.MIN_VALUE) + DUE_END;
    }

    /** The interval of a due-index entry. */
    static long tickOfDue(String dueKey) {
        return Long.parseUnsignedLong(dueKey.substring(DUE_MARK.length(), DUE_MARK.length() + 16), 16) ^ Long.MIN_VALUE;
    }

    /** The event key of a due-index entry. */
    static String keyOfDue(String dueKey) {
        return StoreKeys.keyOf(dueKey.substring(DUE_MARK.length() + 16));
    }

    private static String hex(long v) {
        char[] hex = new char[16];
        for (int i = 15; i >= 0; i--, v >>>= 4) {
            hex[i] = HEX[(int) (v & 0xf)];
        }
        return new String(hex);
    }

    /** A key's meta record: the last interval it has emitted, then the interval it is next due (or NONE). */
    static byte[] encodeMeta(long lastTick, long dueTick) {
        return ByteBuffer.allocate(2 * Long.BYTES).putLong(lastTick).putLong(dueTick).array();
    }

    /** The due interval of a meta record; {@code none} for a record written before the due index. */
    static long dueOfMeta(byte[] meta, long none) {
        return predatesIndex(meta) ? none : ByteBuffer.wrap(meta).getLong(Long.BYTES);
    }

    /** Whether a meta record was written before the due index (8 bytes: the last interval only). */
    static boolean predatesIndex(byte[] meta) {
        return meta.length < 2 * Long.BYTES;
    }

    /** The number of keys with a meta record in the store (an 8-byte long); no key's record ends so. */
    static final String LIVE_KEYS_KEY = "\u0000k";

    static boolean isMetaKey(String storeKey) {
        return storeKey.endsWith(META_MARK);
    }

    static String keyOfMeta(String storeKey) {
        return StoreKeys.keyOf(storeKey);
    }

    /** A long record: a key's meta (the last interval it has emitted) and the high-water mark. */
    static byte[] encodeLong(long lastTick) {
        return ByteBuffer.allocate(Long.BYTES).putLong(lastTick).array();
    }

    static long decodeLong(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    /** The first varint of a header that carries the key's intervals (a sequence is never negative). */
    private static final long TICKS_MARK = -1;

    /**
     * A chunk record (a fresh array): {@code header} then the first {@code bytes} bytes of
     * {@code entries} (the chunk's events, encoded with {@link #putVarLong}). The header's numbers
     * are varints too: {@code -1} (the mark of a header with intervals), the key's last and due
     * intervals, the sequence, counts, time and provenance, then the topic's length and UTF-8 bytes.
     * A header written before the intervals moved into it (session 10) starts at the sequence; its
     * key's intervals are in its meta record ({@link Header#hasTicks}).
     */
    static byte[] encodeChunk(Header header, byte[] topic, byte[] entries, int bytes) {
        return encodeChunk(header.lastTick(), header.dueTick(), header.nextSeq(), header.eventsSeen(),
                header.maxTime(), header.offsetFrom(), header.offsetTo(), header.partition(), header.overflowed(),
                topic, entries, bytes);
    }

    /**
     * {@link #encodeChunk(Header, byte[], byte[], int)} from the header's fields, in their encoded
     * order, without a {@link Header}: the journal's per-event path allocates only the record.
     */
    static byte[] encodeChunk(long lastTick, long dueTick, long nextSeq, long eventsSeen, long maxTime,
                              long offsetFrom, long offsetTo, int partition, long overflowed, byte[] topic,
                              byte[] entries, int bytes) {
        int size = varLongSize(TICKS_MARK) + varLongSize(lastTick) + varLongSize(dueTick)
                + varLongSize(nextSeq) + varLongSize(eventsSeen) + varLongSize(maxTime) + varLongSize(offsetFrom)
                + varLongSize(offsetTo) + varLongSize(partition) + varLongSize(overflowed) + varLongSize(topic.length)
                + topic.length + bytes;
        byte[] out = new byte[size];
        int pos = putVarLong(out, 0, TICKS_MARK);
        pos = putVarLong(out, pos, lastTick);
        pos = putVarLong(out, pos, dueTick);
        pos = putVarLong(out, pos, nextSeq);
        pos = putVarLong(out, pos, eventsSeen);
        pos = putVarLong(out, pos, maxTime);
        pos = putVarLong(out, pos, offsetFrom);
        pos = putVarLong(out, pos, offsetTo);
        pos = putVarLong(out, pos, partition);
        pos = putVarLong(out, pos, overflowed);
        pos = putVarLong(out, pos, topic.length);
        System.arraycopy(topic, 0, out, pos, topic.length);
        System.arraycopy(entries, 0, out, pos + topic.length, bytes);
        return out;
    }

    static Header decodeHeader(byte[] chunk) {
        int[] pos = {0};
        long first = getVarLong(chunk, pos);
        boolean ticks = first == TICKS_MARK;
        long lastTick = ticks ? getVarLong(chunk, pos) : 0;
        long dueTick = ticks ? getVarLong(chunk, pos) : 0;
        long[] f = new long[Header.FIELDS];
        f[0] = ticks ? getVarLong(chunk, pos) : first;
        for (int i = 1; i < f.length; i++) {
            f[i] = getVarLong(chunk, pos);
        }
        String topic = new String(chunk, pos[0], (int) f[Header.FIELDS - 1], StandardCharsets.UTF_8);
        return new Header(f[0], f[1], f[2], topic, (int) f[5], f[3], f[4], f[6], ticks, lastTick, dueTick);
    }

    /** Where a chunk record's events start. */
    static int entriesStart(byte[] chunk) {
        int[] pos = {0};
        int fields = getVarLong(chunk, pos) == TICKS_MARK ? Header.FIELDS + 2 : Header.FIELDS - 1;
        long topicLength = 0;
        for (int i = 0; i < fields; i++) {
            topicLength = getVarLong(chunk, pos);
        }
        return pos[0] + (int) topicLength;
    }

    /** The events of a chunk record, {@code stride} longs each: event time then the inputs. */
    static long[] decodeEntries(byte[] chunk, int stride) {
        long[] out = new long[CHUNK * stride];
        int n = 0;
        long time = 0;
        int[] pos = {entriesStart(chunk)};
        while (pos[0] < chunk.length) {
            long v = getVarLong(chunk, pos);
            if (n % stride == 0) {
                time += v;
                v = time;
            }
            out[n++] = v;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** Reads a zigzag varint at {@code pos[0]} and advances it. */
    static long getVarLong(byte[] buf, int[] pos) {
        long z = 0;
        int p = pos[0];
        for (int shift = 0; ; shift += 7) {
            byte b = buf[p++];
            z |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        pos[0] = p;
        return (z >>> 1) ^ -(z & 1);
    }

    /** Bytes {@link #putVarLong} writes for {@code v}. */
    static int varLongSize(long v) {
        long z = (v << 1) ^ (v >> 63);
        return Math.max(1, (64 - Long.numberOfLeadingZeros(z) + 6) / 7);
    }

    /** Most bytes one {@link #putVarLong} writes. */
    static final int MAX_VAR_LONG = 10;

    /** Writes {@code v} as a zigzag varint at {@code pos}; returns the position after it. */
    static int putVarLong(byte[] buf, int pos, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
        return pos;
    }

    /**
     * A key's bookkeeping as of a chunk's last event: sequence, counts, the provenance of the events
     * since the last aggregate and, if {@code hasTicks} (every chunk written since session 10), the
     * key's last emitted interval and the interval it is next due ({@link KeyState#NONE}: never);
     * without them (an older chunk) both are 0 and the key's meta record holds them.
     */
    record Header(long nextSeq, long eventsSeen, long maxTime, String topic, int partition, long offsetFrom,
                  long offsetTo, long overflowed, boolean hasTicks, long lastTick, long dueTick) {
        /** Varints in the encoded header after the intervals: the numbers, then the topic's length. */
        static final int FIELDS = 8;

        /** A header with the key's intervals. */
        Header(long nextSeq, long eventsSeen, long maxTime, String topic, int partition, long offsetFrom,
               long offsetTo, long overflowed, long lastTick, long dueTick) {
            this(nextSeq, eventsSeen, maxTime, topic, partition, offsetFrom, offsetTo, overflowed, true, lastTick, dueTick);
        }
    }
}
