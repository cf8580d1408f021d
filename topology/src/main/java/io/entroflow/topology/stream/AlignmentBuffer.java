package io.entroflow.topology.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One key's event-time alignment of signals read from different input topics: the last value of
 * each signal per time bucket, held across buckets (spec {@code input.align}).
 *
 * <p>Bucket b covers event times [b&middot;w, (b+1)&middot;w). Each accepted event writes the
 * signals it carries into its bucket, keeping per signal the value with the latest event time (ties:
 * the later arrival). A bucket closes once the key's latest event time minus the lateness reaches its
 * end: from then on every event that could fall into it is dead-lettered as late, so its content is
 * final and does not depend on the order in which the topics' records arrived within the lateness.
 * A closed bucket's values replace the held values of their signals, and the bucket yields one
 * aligned sample at time (b+1)&middot;w &minus; 1 carrying the held value of every signal seen so far.
 * Buckets without any event yield nothing (the samples are the key's active buckets).
 *
 * <p>Open buckets are those ending after (latest time &minus; lateness), so at most
 * lateness / w + 1 of them. O(signals) per event and per closed bucket. Owned by one stream thread;
 * persisted with the key's {@link SignalState}.
 */
final class AlignmentBuffer {
    /** An aligned sample: time, per-signal values (symbol id or raw double bits) and the present mask. */
    record Sample(long time, long[] values, long present) {
    }

    private final long width;
    private final int signals;
    private final TreeMap<Long, Bucket> open = new TreeMap<>();
    private final long[] held;
    private long heldPresent;

    AlignmentBuffer(long widthMillis, int signals) {
        this.width = widthMillis;
        this.signals = signals;
        this.held = new long[signals];
    }

    /** Writes an accepted event's signals (bit i of {@code present} set when {@code values[i]} is given) into its bucket. */
    void add(long time, long[] values, long present) {
        Bucket b = open.computeIfAbsent(Math.floorDiv(time, width), k -> new Bucket(signals));
        for (int i = 0; i < signals; i++) {
            if ((present & (1L << i)) != 0 && ((b.present & (1L << i)) == 0 || time >= b.times[i])) {
                b.values[i] = values[i];
                b.times[i] = time;
                b.present |= 1L << i;
            }
        }
    }

    /** Closes, in time order, every open bucket ending at or before {@code watermark}; returns their samples. */
    List<Sample> close(long watermark) {
        long firstOpen = Math.floorDiv(watermark, width);
        List<Sample> samples = new ArrayList<>(0);
        Iterator<Map.Entry<Long, Bucket>> it = open.headMap(firstOpen, false).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Bucket> e = it.next();
            Bucket b = e.getValue();
            for (int i = 0; i < signals; i++) {
                if ((b.present & (1L << i)) != 0) {
                    held[i] = b.values[i];
                }
            }
            heldPresent |= b.present;
            samples.add(new Sample((e.getKey() + 1) * width - 1, held.clone(), heldPresent));
            it.remove();
        }
        return samples;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(width);
        out.writeInt(signals);
        out.writeLong(heldPresent);
        for (long v : held) {
            out.writeLong(v);
        }
        out.writeInt(open.size());
        for (Map.Entry<Long, Bucket> e : open.entrySet()) {
            out.writeLong(e.getKey());
            Bucket b = e.getValue();
            out.writeLong(b.present);
            for (int i = 0; i < signals; i++) {
                out.writeLong(b.values[i]);
                out.writeLong(b.times[i]);
            }
        }
    }

    static AlignmentBuffer read(DataInput in) throws IOException {
        long widthMillis = in.readLong();
        int signals = in.readInt();
        AlignmentBuffer a = new AlignmentBuffer(widthMillis, signals);
        a.heldPresent = in.readLong();
        for (int i = 0; i < signals; i++) {
            a.held[i] = in.readLong();
        }
        for (int n = in.readInt(); n > 0; n--) {
            long index = in.readLong();
            Bucket b = new Bucket(signals);
            b.present = in.readLong();
            for (int i = 0; i < signals; i++) {
                b.values[i] = in.readLong();
                b.times[i] = in.readLong();
            }
            a.open.put(index, b);
        }
        return a;
    }

    private static final class Bucket {
        final long[] values;
        final long[] times;
        long present;

        Bucket(int signals) {
            values = new long[signals];
            times = new long[signals];
        }
    }
}
