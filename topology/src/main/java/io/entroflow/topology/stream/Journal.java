package io.entroflow.topology.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encoding of an operator's journal in its store: the window's events in chunks of {@link #CHUNK}
 * events under {@code <key>\0c<chunk index, 16 hex>}, each event = event time + one long per input
 * signal; a small meta record under {@code <key>\0m}; and, for operators over decay and cumulative
 * windows, the operator's state before the current chunk under {@code <key>\0s}. Keys sort by chunk index, so one range
 * scan returns a key's chunks in arrival order.
 */
final class Journal {
    /** Events per chunk. */
    static final int CHUNK = 64;
    private static final String CHUNK_MARK = "\u0000c";
    private static final String META_MARK = "\u0000m";
    private static final String CHECKPOINT_MARK = "\u0000s";

    private Journal() {
    }

    static String chunkKey(String key, long chunk) {
        return key + CHUNK_MARK + String.format("%016x", chunk);
    }

    static String firstChunkKey(String key) {
        return key + CHUNK_MARK;
    }

    static String lastChunkKey(String key) {
        return key + CHUNK_MARK + "g";
    }

    static long chunkIndex(String storeKey) {
        return Long.parseUnsignedLong(storeKey.substring(storeKey.length() - 16), 16);
    }

    static String metaKey(String key) {
        return key + META_MARK;
    }

    /** The key's operator checkpoint ({@link OperatorCheckpoints}; decay and cumulative windows only). */
    static String checkpointKey(String key) {
        return key + CHECKPOINT_MARK;
    }

    /** The task's event-time high-water mark (largest event time seen by the processor); no key's record ends so. */
    static final String HIGH_WATER_KEY = "\u0000t";

    static boolean isMetaKey(String storeKey) {
        return storeKey.endsWith(META_MARK);
    }

    static String keyOfMeta(String storeKey) {
        return storeKey.substring(0, storeKey.length() - META_MARK.length());
    }

    /** Encodes the first {@code longs} entries of {@code entries} (a fresh array each time). */
    static byte[] encodeChunk(long[] entries, int longs) {
        ByteBuffer b = ByteBuffer.allocate(longs * Long.BYTES);
        for (int i = 0; i < longs; i++) {
            b.putLong(entries[i]);
        }
        return b.array();
    }

    static long[] decodeChunk(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] out = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    /** Meta: sequence, tick, counts and provenance of the events since the last aggregate. */
    record Meta(long nextSeq, long lastTick, long eventsSeen, long maxTime, String topic, int partition,
                long offsetFrom, long offsetTo) {
        byte[] encode() {
            byte[] t = (topic == null ? "" : topic).getBytes(StandardCharsets.UTF_8);
            ByteBuffer b = ByteBuffer.allocate(8 * 6 + 4 + 4 + t.length);
            b.putLong(nextSeq).putLong(lastTick).putLong(eventsSeen).putLong(maxTime).putLong(offsetFrom)
                    .putLong(offsetTo).putInt(partition).putInt(t.length).put(t);
            return b.array();
        }

        static Meta decode(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            long seq = b.getLong();
            long tick = b.getLong();
            long seen = b.getLong();
            long max = b.getLong();
            long from = b.getLong();
            long to = b.getLong();
            int partition = b.getInt();
            byte[] t = new byte[b.getInt()];
            b.get(t);
            return new Meta(seq, tick, seen, max, new String(t, StandardCharsets.UTF_8), partition, from, to);
        }
    }
}
