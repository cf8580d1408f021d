package io.entroflow.topology.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encoding of an operator's journal in its store. The window's events go in chunks of
 * {@link #CHUNK} events under {@code <key>\0c<chunk index, 16 hex>}; a chunk's value is a
 * {@link Header} (the key's sequence, counts and provenance as of the chunk's last event) followed
 * by its events, each event = event time + one long per input signal. Keys sort by chunk index, so
 * one range scan returns a key's chunks in arrival order, and the last chunk's header is the key's
 * current bookkeeping. The only other per-key record, {@code <key>\0m}, holds the last interval the
 * key has emitted; it changes once per interval, not per event, and the quiet-key punctuator scans it.
 */
final class Journal {
    /** Events per chunk. */
    static final int CHUNK = 64;
    private static final String CHUNK_MARK = "\u0000c";
    private static final String META_MARK = "\u0000m";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Journal() {
    }

    static String chunkKey(String key, long chunk) {
        char[] hex = new char[16];
        for (int i = 15; i >= 0; i--, chunk >>>= 4) {
            hex[i] = HEX[(int) (chunk & 0xf)];
        }
        return key + CHUNK_MARK + new String(hex);
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

    /** The task's event-time high-water mark (largest event time seen by the processor); no key's record ends so. */
    static final String HIGH_WATER_KEY = "\u0000t";

    static boolean isMetaKey(String storeKey) {
        return storeKey.endsWith(META_MARK);
    }

    static String keyOfMeta(String storeKey) {
        return storeKey.substring(0, storeKey.length() - META_MARK.length());
    }

    /** A long record: a key's meta (the last interval it has emitted) and the high-water mark. */
    static byte[] encodeLong(long lastTick) {
        return ByteBuffer.allocate(Long.BYTES).putLong(lastTick).array();
    }

    static long decodeLong(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }

    /**
     * A chunk record (a fresh array): {@code header} then the first {@code bytes} bytes of
     * {@code entries} (the chunk's events, big-endian longs).
     */
    static byte[] encodeChunk(Header header, byte[] topic, byte[] entries, int bytes) {
        byte[] out = new byte[Header.FIXED + topic.length + bytes];
        ByteBuffer.wrap(out).putLong(header.nextSeq).putLong(header.eventsSeen).putLong(header.maxTime)
                .putLong(header.offsetFrom).putLong(header.offsetTo).putInt(header.partition).putInt(topic.length)
                .put(topic);
        System.arraycopy(entries, 0, out, Header.FIXED + topic.length, bytes);
        return out;
    }

    static Header decodeHeader(byte[] chunk) {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        long seq = b.getLong();
        long seen = b.getLong();
        long max = b.getLong();
        long from = b.getLong();
        long to = b.getLong();
        int partition = b.getInt();
        byte[] t = new byte[b.getInt()];
        b.get(t);
        return new Header(seq, seen, max, new String(t, StandardCharsets.UTF_8), partition, from, to);
    }

    /** The events of a chunk record: event time then the inputs, per event. */
    static long[] decodeEntries(byte[] chunk) {
        ByteBuffer b = ByteBuffer.wrap(chunk);
        int start = Header.FIXED + b.getInt(Header.FIXED - Integer.BYTES);
        b.position(start);
        long[] out = new long[(chunk.length - start) / Long.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getLong();
        }
        return out;
    }

    /** A key's bookkeeping as of a chunk's last event: sequence, counts and the provenance of the events since the last aggregate. */
    record Header(long nextSeq, long eventsSeen, long maxTime, String topic, int partition, long offsetFrom,
                  long offsetTo) {
        /** Bytes before the topic name. */
        static final int FIXED = 5 * Long.BYTES + 2 * Integer.BYTES;
    }
}
