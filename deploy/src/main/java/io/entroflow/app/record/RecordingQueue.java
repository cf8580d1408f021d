package io.entroflow.app.record;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A recording: a Chronicle Queue in one directory, one file per UTC day ({@code yyyyMMddF.cq4},
 * roll cycle {@code FAST_DAILY}), whose documents are {@linkplain RecordFormat records and
 * checkpoints}.
 *
 * <p>Writing ({@link #openForWriting}) is single-threaded: the appender belongs to the thread that
 * first appends. Reading ({@link #openForReading}) opens the queue read-only and may run in
 * another process while a recorder appends. A document is appended atomically: after a crash of the
 * writer a reader sees it whole or not at all.
 */
public final class RecordingQueue implements AutoCloseable {
    /** One file per UTC day. */
    static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;
    static final String SUFFIX = SingleChronicleQueue.SUFFIX;
    /** How recently a daily file without a header may have been created by a recorder (see checkHeaders). */
    static final Duration HEADER_GRACE = Duration.ofSeconds(10);

    private final Path dir;
    private final SingleChronicleQueue queue;
    private final QueueWriterLock writerLock;
    private ExcerptAppender appender;

    private RecordingQueue(Path dir, SingleChronicleQueue queue, QueueWriterLock writerLock) {
        this.dir = dir;
        this.queue = queue;
        this.writerLock = writerLock;
    }

    /**
     * Opens (creating if needed) the recording in {@code dir} for appending, as its one writer
     * ({@link QueueWriterLock}) until closed.
     *
     * @throws IllegalArgumentException when {@code dir} is not a writable directory, or another
     *                                  writer has the recording open
     */
    public static RecordingQueue openForWriting(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--queue: '" + dir + "' is not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("--queue: cannot create directory '" + dir + "': " + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("--queue: directory '" + dir + "' is not writable");
        }
        checkReadable(dir);
        QueueWriterLock lock = QueueWriterLock.acquire(dir);
        try {
            return new RecordingQueue(dir, builder(dir).build(), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens the recording in {@code dir} read-only.
     *
     * @throws IllegalArgumentException when {@code dir} does not exist, holds no recording or a file
     *                                  of it cannot be read
     */
    public static RecordingQueue openForReading(Path dir) {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("--queue: directory '" + dir + "' does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--queue: '" + dir + "' is not a directory");
        }
        if (cycleFiles(dir).isEmpty()) {
            throw new IllegalArgumentException("--queue: '" + dir + "' holds no recording (no *" + SUFFIX + " files)");
        }
        checkReadable(dir);
        checkHeaders(dir);
        try {
            return new RecordingQueue(dir, builder(dir).readOnly(true).build(), null);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--queue: cannot open the recording in '" + dir + "': " + e);
        }
    }

    private static SingleChronicleQueueBuilder builder(Path dir) {
        return SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(ROLL_CYCLE);
    }

    private static void checkReadable(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!Files.isReadable(f) || (f.toString().endsWith(SUFFIX) && !Files.isWritable(f))) {
                    // Chronicle maps every file read-write, even for reading
                    throw new IllegalArgumentException("--queue: cannot read and write '" + f + "' (permissions)");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--queue: cannot list '" + dir + "': " + e.getMessage());
        }
    }

    /**
     * Refuses a daily file without a queue header (empty, or zeros where the header belongs: a copy or
     * a file creation cut short). Chronicle would take it for a file another process is still
     * creating, wait for its header, then fail far from the cause. A file modified in the last
     * {@link #HEADER_GRACE} may be one a recorder is creating right now and is left to Chronicle.
     * Reads 4 bytes per file.
     */
    private static void checkHeaders(Path dir) {
        for (Path f : cycleFiles(dir)) {
            byte[] first = new byte[4];
            int n;
            long age;
            try (InputStream in = Files.newInputStream(f)) {
                n = in.readNBytes(first, 0, first.length);
                age = System.currentTimeMillis() - Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                throw new IllegalArgumentException("--queue: cannot read '" + f + "': " + e.getMessage());
            }
            boolean noHeader = n < first.length || (first[0] | first[1] | first[2] | first[3]) == 0;
            if (noHeader && age > HEADER_GRACE.toMillis()) {
                throw new CorruptRecordingException("--queue: '" + f + "' has no queue header ("
                        + (n == 0 ? "an empty file" : "corrupt or cut short") + ")");
            }
        }
    }

    /** The daily files of the recording in {@code dir}, oldest first. */
    public static List<Path> cycleFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Appends one consumed record. */
    public void append(ConsumerRecord<byte[], byte[]> r) {
        Header[] headers = r.headers().toArray();
        try (DocumentContext dc = appender().writingDocument()) {
            RecordFormat.writeRecord(dc.wire().bytes(), r.topic(), r.partition(), r.offset(), r.timestamp(),
                    r.timestampType(), new HeaderList(headers), r.key(), r.value());
        }
    }

    /** Appends one record as given (tests, benchmarks). */
    public void append(RecordedRecord r) {
        try (DocumentContext dc = appender().writingDocument()) {
            RecordFormat.writeRecord(dc.wire().bytes(), r);
        }
    }

    /** Appends a checkpoint: the next offset to record per partition (see {@link RecordFormat}). */
    public void checkpoint(Map<TopicPartition, Long> nextOffsets) {
        try (DocumentContext dc = appender().writingDocument()) {
            RecordFormat.writeCheckpoint(dc.wire().bytes(), new Checkpoint(System.currentTimeMillis(), nextOffsets));
        }
    }

    private ExcerptAppender appender() {
        if (appender == null) {
            appender = queue.createAppender();
        }
        return appender;
    }

    /**
     * Where to resume: for each partition found, the next offset to record. Reads backwards from the
     * end of the queue to the last checkpoint; a partition's newest record after it wins over the
     * checkpoint's entry. Costs one pass over the documents written since the last checkpoint.
     */
    public Map<TopicPartition, Long> resumePositions() {
        Map<TopicPartition, Long> next = new HashMap<>();
        Checkpoint checkpoint = scanBackward(next);
        if (checkpoint != null) {
            checkpoint.nextOffsets().forEach(next::putIfAbsent);
        }
        return next;
    }

    /** The newest checkpoint, or null when the queue has none. */
    public Checkpoint lastCheckpoint() {
        return scanBackward(new HashMap<>());
    }

    private Checkpoint scanBackward(Map<TopicPartition, Long> newestRecords) {
        try {
            return scanBackwardUnchecked(newestRecords);
        } catch (CorruptRecordingException e) {
            throw new CorruptRecordingException("--queue: '" + dir + "' near its end: " + e.getMessage());
        } catch (Exception | InternalError e) { // see corrupt(...)
            throw corrupt(dir, e);
        }
    }

    /**
     * The one-line error for a recording Chronicle cannot read. Chronicle throws
     * StreamCorruptedException and others unchecked; a file cut short (a partial copy, a full disk)
     * is mapped past its end, and the JVM reports the access as an {@link InternalError} ("a fault
     * occurred in a recent unsafe memory access operation"), which is caught here as well.
     */
    static CorruptRecordingException corrupt(Path dir, Throwable e) {
        String why = e instanceof InternalError ? "a file ends before its data (cut short?)"
                : e.getMessage() != null ? e.getMessage().strip() : e.getClass().getSimpleName();
        return new CorruptRecordingException("--queue: cannot read the recording in '" + dir + "' (corrupt, or not a"
                + " recording): " + why);
    }

    private Checkpoint scanBackwardUnchecked(Map<TopicPartition, Long> newestRecords) {
        ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd();
        RecordFormat.LastString topics = new RecordFormat.LastString();
        try {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    Bytes<?> b = dc.wire().bytes();
                    if (RecordFormat.kind(b) == RecordFormat.CHECKPOINT_V1) {
                        return RecordFormat.readCheckpoint(b);
                    }
                    RecordedRecord r = RecordFormat.readRecord(b, topics);
                    newestRecords.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
                }
            }
        } finally {
            tailer.close();
        }
    }

    /**
     * Partitions of the widest recorded topic (its highest partition + 1), from the newest
     * checkpoint; 0 when the queue has no checkpoint.
     */
    public int sourcePartitions() {
        Checkpoint c = lastCheckpoint();
        return c == null ? 0 : c.nextOffsets().keySet().stream().mapToInt(tp -> tp.partition() + 1).max().orElse(0);
    }

    /** Number of documents (records and checkpoints) in the queue. */
    public long documentCount() {
        return queue.entryCount();
    }

    /** A reader of the records from the start of the queue, skipping checkpoints. Single-threaded. */
    public Reader reader() {
        try {
            return new Reader(dir, queue.createTailer().toStart());
        } catch (Exception | InternalError e) { // see corrupt(...)
            throw corrupt(dir, e);
        }
    }

    /** Reads records in queue order. */
    public static final class Reader implements AutoCloseable {
        private final Path dir;
        private final ExcerptTailer tailer;
        private long documents;
        private final RecordFormat.LastString topics = new RecordFormat.LastString();

        private Reader(Path dir, ExcerptTailer tailer) {
            this.dir = dir;
            this.tailer = tailer;
        }

        /**
         * The next record, or null at the (current) end of the queue.
         *
         * @throws CorruptRecordingException when a document or a file cannot be read
         */
        public RecordedRecord next() {
            try {
                return nextUnchecked();
            } catch (CorruptRecordingException e) {
                throw new CorruptRecordingException("--queue: '" + dir + "' document " + documents + ": " + e.getMessage());
            } catch (Exception | InternalError e) { // see corrupt(...)
                throw corrupt(dir, e);
            }
        }

        private RecordedRecord nextUnchecked() {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return null;
                    }
                    documents++;
                    Bytes<?> b = dc.wire().bytes();
                    byte kind = RecordFormat.kind(b);
                    if (kind == RecordFormat.RECORD_V1) {
                        return RecordFormat.readRecord(b, topics);
                    }
                    if (kind != RecordFormat.CHECKPOINT_V1) {
                        throw new CorruptRecordingException("unknown kind " + kind);
                    }
                }
            }
        }

        /** Documents read so far (records and checkpoints), for progress against {@link #documentCount()}. */
        public long documentsRead() {
            return documents;
        }

        @Override
        public void close() {
            tailer.close();
        }
    }

    /** Refreshes Chronicle's view of the directory after files were deleted by retention. */
    void refreshDirectoryListing() {
        queue.refreshDirectoryListing();
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
        if (writerLock != null) {
            writerLock.close();
        }
    }

    /** Kafka's headers as {@link RecordedHeader}s without copying their values. */
    private static final class HeaderList extends AbstractList<RecordedHeader> {
        private final Header[] headers;

        HeaderList(Header[] headers) {
            this.headers = headers;
        }

        @Override
        public RecordedHeader get(int i) {
            return new RecordedHeader(headers[i].key(), headers[i].value());
        }

        @Override
        public int size() {
            return headers.length;
        }
    }
}
