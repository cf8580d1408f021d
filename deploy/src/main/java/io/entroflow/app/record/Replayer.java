package io.entroflow.app.record;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.TimestampType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Writes a recording's records to one topic, in queue order, with their keys, values, timestamps
 * and headers, paced by their recorded timestamps ({@link Pacer}), until the end of the queue as it
 * was reached, or {@link #stop()}. Records are filtered by timestamp ({@code from} inclusive,
 * {@code to} exclusive) and by a {@link KeyGlob}.
 *
 * <p>Order and pacing: each partition's records go in offset order; across partitions, in timestamp
 * order within a look-ahead of {@value #LOOKAHEAD} records ({@link TimeOrderedMerge}). A paced
 * replay first reads the queue once for the smallest and largest timestamps to replay and makes the
 * smallest due at the start; each record is then due at its distance from it divided by the speed
 * ({@link Pacer}); one that is already late (a partition's timestamps going backwards) goes at once.
 *
 * <p>Partitions: when {@code preservePartitions}, each record goes to the partition it was recorded
 * from; otherwise the producer's partitioner chooses by key. Records recorded without a timestamp
 * get the producer's time.
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} may be called from any thread.
 */
public final class Replayer {
    private static final long SLICE_NANOS = 100_000_000L;
    /** Records read ahead to restore timestamp order across partitions ({@link TimeOrderedMerge}). */
    static final int LOOKAHEAD = 50_000;

    /**
     * @param speed       recorded ms per wall ms; {@code +Infinity} for no pacing
     * @param fromMillis  first timestamp replayed (inclusive), or {@code Long.MIN_VALUE}
     * @param toMillis    end of the timestamps replayed (exclusive), or {@code Long.MAX_VALUE}
     * @param keyFilter   null for every key
     */
    public record Options(String toTopic, double speed, long fromMillis, long toMillis, KeyGlob keyFilter,
                          boolean preservePartitions) {
        public Options {
            if (fromMillis >= toMillis) {
                throw new IllegalArgumentException("--from/--to: --from must be before --to, got " + fromMillis
                        + " >= " + toMillis);
            }
        }
    }

    /** What a replay did. {@code firstTimestamp}/{@code lastTimestamp}: smallest and largest replayed, -1 if none. */
    public record Summary(long replayed, long bytes, long firstTimestamp, long lastTimestamp, long skippedByKey,
                          long skippedByTime, long elapsedNanos, boolean stoppedEarly) {
    }

    private final RecordingQueue queue;
    private final Producer<byte[], byte[]> producer;
    private final Options options;
    private final Progress progress;
    private final Pacer pacer;
    private final LongSupplier nanoClock;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Keeps the first failed send; one instance for every record. */
    private final Callback onSent = (metadata, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };
    private volatile boolean stopping;

    public Replayer(RecordingQueue queue, Producer<byte[], byte[]> producer, Options options, PrintWriter log,
                    boolean terminal, long plainProgressEveryNanos) {
        this(queue, producer, options, new Progress(log, terminal, queue.documentCount(), plainProgressEveryNanos,
                System::nanoTime), System::nanoTime);
    }

    Replayer(RecordingQueue queue, Producer<byte[], byte[]> producer, Options options, Progress progress,
             LongSupplier nanoClock) {
        this.queue = queue;
        this.producer = producer;
        this.options = options;
        this.progress = progress;
        this.pacer = new Pacer(options.speed(), nanoClock);
        this.nanoClock = nanoClock;
    }

    /** Parses {@code --speed}: a positive number (1 = as recorded, 10 = ten times faster) or {@code max} (+Infinity). */
    public static double parseSpeed(String text) {
        return Pacer.parseSpeed(text);
    }

    /** Asks {@link #run()} to stop after the record in hand. Any thread; idempotent. */
    public void stop() {
        stopping = true;
    }

    /**
     * Replays, then flushes the producer (it does not close it).
     *
     * @throws IllegalStateException when the producer reported a failed send (the first one)
     * @throws CorruptRecordingException when a document cannot be decoded
     */
    public Summary run() {
        long start = System.nanoTime();
        long replayed = 0;
        long bytes = 0;
        long skippedByKey = 0;
        long skippedByTime = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean early = false;
        if (pacer.paced()) {
            long[] span = timestampsToReplay();
            if (span[0] <= span[1]) {
                pacer.start(span[0]);
                progress.pacedUntil(nanoClock.getAsLong() + (long) ((span[1] - span[0]) * 1e6 / options.speed()));
            }
        }
        try (RecordingQueue.Reader reader = queue.reader()) {
            long[] skipped = new long[2];
            TimeOrderedMerge merged = new TimeOrderedMerge(() -> {
                for (RecordedRecord x = reader.next(); x != null; x = reader.next()) {
                    if (!inTimeRange(x)) {
                        skipped[0]++;
                    } else if (!keyMatches(x)) {
                        skipped[1]++;
                    } else {
                        return x;
                    }
                }
                return null;
            }, LOOKAHEAD);
            while (true) {
                if (stopping || failure.get() != null) {
                    early = true;
                    break;
                }
                RecordedRecord r = merged.next();
                if (r == null) {
                    break;
                }
                if (!awaitTurn(r.timestamp(), reader.documentsRead() - merged.buffered(), replayed)) {
                    early = true;
                    break;
                }
                producer.send(toProducerRecord(r), onSent);
                replayed++;
                bytes += r.payloadBytes();
                if (r.timestamp() >= 0) {
                    first = Math.min(first, r.timestamp());
                    last = Math.max(last, r.timestamp());
                }
                progress.update(reader.documentsRead() - merged.buffered(), replayed);
            }
            skippedByTime = skipped[0];
            skippedByKey = skipped[1];
            producer.flush();
            progress.finish(reader.documentsRead(), replayed);
        }
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("--to-topic: writing to '" + options.toTopic() + "' failed: " + e, e);
        }
        return new Summary(replayed, bytes, replayed == 0 || first == Long.MAX_VALUE ? -1 : first,
                replayed == 0 || last == Long.MIN_VALUE ? -1 : last, skippedByKey, skippedByTime,
                System.nanoTime() - start, early);
    }

    private boolean inTimeRange(RecordedRecord r) {
        return r.timestamp() >= options.fromMillis() && r.timestamp() < options.toMillis();
    }

    private boolean keyMatches(RecordedRecord r) {
        return options.keyFilter() == null || options.keyFilter().matches(r.key());
    }

    /**
     * A first pass (paced replays only): the smallest and largest timestamps among the records to
     * replay, so that the replay lasts the recorded span / speed even when the queue holds partitions
     * in chunks (a backlog recorded partition by partition). {min, max}; min &gt; max when there is none.
     */
    private long[] timestampsToReplay() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try (RecordingQueue.Reader reader = queue.reader()) {
            for (RecordedRecord r = reader.next(); r != null && !stopping; r = reader.next()) {
                if (r.timestamp() >= 0 && inTimeRange(r) && keyMatches(r)) {
                    min = Math.min(min, r.timestamp());
                    max = Math.max(max, r.timestamp());
                }
            }
        }
        return new long[] {min, max};
    }

    /** Waits until the record is due, in slices so that stop() and progress stay live; false when stopped. */
    private boolean awaitTurn(long timestamp, long documentsDone, long replayed) {
        long delay;
        while ((delay = pacer.delayNanos(timestamp)) > 0) {
            if (stopping) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(delay, SLICE_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            progress.update(documentsDone, replayed);
        }
        return true;
    }

    ProducerRecord<byte[], byte[]> toProducerRecord(RecordedRecord r) {
        List<Header> headers = new ArrayList<>(r.headers().size());
        for (RecordedHeader h : r.headers()) {
            headers.add(new RecordHeader(h.key(), h.value()));
        }
        Long timestamp = r.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || r.timestamp() < 0 ? null : r.timestamp();
        Integer partition = options.preservePartitions() ? r.partition() : null;
        return new ProducerRecord<>(options.toTopic(), partition, timestamp, r.key(), r.value(), headers);
    }
}
