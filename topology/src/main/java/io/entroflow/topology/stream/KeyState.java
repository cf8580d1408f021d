package io.entroflow.topology.stream;

import io.entroflow.topology.operator.StreamingOperator;

import java.util.ArrayDeque;

/**
 * One key's live state in an {@link OperatorProcessor}: its operator (derived: a cache of the sums
 * over the key's {@link KeyJournal journal}), the journal's write position, the bookkeeping that
 * every chunk header carries (sequence, counts, latest event time, {@link OffsetRange provenance}),
 * and the last interval the key has emitted ({@link EmissionPolicy}).
 *
 * <p>Memory: the operator plus one chunk buffer of {@link Journal#CHUNK} &times; stride &times;
 * {@link Journal#MAX_VAR_LONG} bytes. Mutable, confined to the processor's stream thread (not
 * thread-safe); its fields are read and written by {@link KeyJournal} and {@link EmissionPolicy}.
 */
final class KeyState extends HeldBackWrites.Held {
    /** No value yet (no interval emitted, no event seen). */
    static final long NONE = Long.MIN_VALUE;

    final String key;
    /** The key's {@link StoreKeys#of store form}, and its meta record's key: made once per key, not per put. */
    final String storeKey;
    final String metaKey;
    final StreamingOperator operator;
    /** Per chunk still in the store, oldest first: {chunk index, latest event time in it}. */
    final ArrayDeque<long[]> chunks = new ArrayDeque<>();
    /** The last element of {@link #chunks} (the current chunk's), or null before the first event. */
    long[] tail;
    /** The current chunk's encoded events (never handed to the store: {@link KeyJournal} copies). */
    final byte[] entries;
    int entriesLength;
    /** Time of the current chunk's last event (the base of the next time difference). */
    long lastEntryTime;
    /** The current chunk's store key; null before the key's first event. */
    String chunkKey;
    /** Sequence number of the key's next event (events journalled so far). */
    long nextSeq;
    /** The last interval (boundary / interval) the key has emitted, or {@link #NONE}. */
    long lastTick = NONE;
    /** The interval at which the key is next due in the store's due index ({@link KeyJournal#schedule}), or {@link #NONE}. */
    long dueTick = NONE;
    /** Whether the key's meta record is in the store (the key counts as live: {@link KeyJournal#liveKeys}). */
    boolean stored;
    long eventsSeen;
    /** Events admitted whose category of one of the operator's signals overflowed ({@link SignalEvent#overflowed}). */
    long overflowed;
    long maxTime = NONE;
    /** The input offsets of the events since the last aggregate. */
    final OffsetRange source = new OffsetRange();

    /** @param stride longs per journalled event: 1 (the time) + one per input signal */
    KeyState(String key, StreamingOperator operator, int stride) {
        this.key = key;
        this.storeKey = StoreKeys.of(key);
        this.metaKey = Journal.metaKeyOfStored(storeKey);
        this.operator = operator;
        this.entries = new byte[Journal.CHUNK * stride * Journal.MAX_VAR_LONG];
    }
}
