package io.entroflow.app.record;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Appends every record of some topics to a {@link RecordingQueue}, until {@link #stop()}.
 *
 * <p>Design: the queue is the only source of truth for where to resume. The consumer has no group
 * and commits nothing ({@code assign}, no auto commit), reads {@code read_committed}, and starts
 * each partition at the next offset the queue does not hold ({@link RecordingQueue#resumePositions}:
 * the newest record of the partition, else the newest checkpoint). A checkpoint (every partition's
 * next offset) is appended at start, every {@code checkpointEvery} and on stop, so a restart reads
 * back only the documents written since the last one; and a partition that had no record yet keeps
 * the position it started from ({@code --start-at latest}). A record and the position it implies are
 * one document, written atomically, so after {@code kill -9} the restart continues at the record
 * after the last one written: no gap, no duplicate.
 *
 * <p>One thread runs {@link #run()}; {@link #stop()} may be called from any thread (a shutdown hook).
 */
public final class Recorder {
    /** Where to start a partition the queue knows nothing about. */
    public enum StartAt { EARLIEST, LATEST }

    /**
     * @param retain         delete daily files older than this ({@link Retention}); null keeps everything
     * @param waitForTopics  wait for missing topics instead of failing
     * @param statusEvery    interval of the status line
     */
    public record Options(List<String> topics, StartAt startAt, Duration retain, boolean waitForTopics,
                          Duration statusEvery, Duration checkpointEvery) {
        public Options {
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("--topics: at least one topic");
            }
        }
    }

    private static final Duration REFRESH_PARTITIONS_EVERY = Duration.ofSeconds(30);
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);

    private final RecordingQueue queue;
    private final Consumer<byte[], byte[]> consumer;
    private final Options options;
    private final PrintWriter log;
    private final boolean terminal;
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Set<TopicPartition> assigned = new LinkedHashSet<>();
    private volatile boolean stopping;
    private volatile long recorded;

    /** A recorder with a consumer built from {@code clientConfig} (bootstrap, security); forces its own consumer settings. */
    public Recorder(RecordingQueue queue, Properties clientConfig, Options options, PrintWriter log) {
        this(queue, new KafkaConsumer<>(consumerConfig(clientConfig), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), options, log);
    }

    Recorder(RecordingQueue queue, Consumer<byte[], byte[]> consumer, Options options, PrintWriter log) {
        this.queue = queue;
        this.consumer = consumer;
        this.options = options;
        this.log = log;
        this.terminal = Terminal.stderrIsTerminal();
    }

    static Properties consumerConfig(Properties clientConfig) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "entroflow-record");
        return p;
    }

    /** Records in this run so far (any thread). */
    public long recorded() {
        return recorded;
    }

    /** Asks {@link #run()} to finish: it writes a last checkpoint and closes the consumer. Any thread; idempotent. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /**
     * Records until {@link #stop()}. Closes the consumer (not the queue) before returning.
     *
     * @throws MissingTopicsException when a topic does not exist and {@code waitForTopics} is off
     */
    public void run() {
        try {
            Map<String, List<PartitionInfo>> partitions = awaitTopics();
            if (partitions == null) {
                return;
            }
            next.putAll(queue.resumePositions());
            if (options.retain() != null) {
                sweep();
            }
            Set<TopicPartition> known = new java.util.HashSet<>(next.keySet());
            assign(partitions, options.startAt());
            long resumed = assigned.stream().filter(known::contains).count();
            log.printf("entroflow record: recording %s (%d partitions, %d resumed from the queue) into %s%n",
                    options.topics(), assigned.size(), resumed, queue.dir());
            log.flush();
            queue.checkpoint(next);
            loop();
        } catch (WakeupException e) {
            // stopped while starting
        } finally {
            try {
                if (!assigned.isEmpty()) {
                    queue.checkpoint(next);
                }
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }

    private void loop() {
        long now = System.nanoTime();
        long lastCheckpoint = now;
        long lastStatus = now;
        long statusCount = recorded;
        long lastRefresh = now;
        long lastSweep = now;
        while (!stopping) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(500));
            } catch (WakeupException e) {
                break;
            } catch (OffsetOutOfRangeException e) {
                for (Map.Entry<TopicPartition, Long> lost : e.offsetOutOfRangePartitions().entrySet()) {
                    log.printf("entroflow record: warning: %s: offset %d is no longer in the topic (deleted by its"
                            + " retention before it was recorded); continuing from the earliest offset%n",
                            lost.getKey(), lost.getValue());
                }
                consumer.seekToBeginning(e.partitions());
                continue;
            }
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    queue.append(r);
                    next.put(tp, r.offset() + 1); // per record: a failed append leaves the position of the last one written
                }
            }
            recorded += records.count();
            now = System.nanoTime();
            if (now - lastCheckpoint >= options.checkpointEvery().toNanos()) {
                queue.checkpoint(next);
                lastCheckpoint = now;
            }
            if (now - lastStatus >= options.statusEvery().toNanos()) {
                status((recorded - statusCount) * 1e9 / (now - lastStatus));
                statusCount = recorded;
                lastStatus = now;
            }
            if (now - lastRefresh >= REFRESH_PARTITIONS_EVERY.toNanos()) {
                refreshPartitions();
                lastRefresh = now;
            }
            if (options.retain() != null && now - lastSweep >= RETENTION_EVERY.toNanos()) {
                sweep();
                lastSweep = now;
            }
        }
        if (terminal) {
            log.println();
        }
    }

    private void status(double perSecond) {
        String line = String.format(Locale.ROOT, "entroflow record: %,d records (%,.0f/s), %d partitions, %s",
                recorded, perSecond, assigned.size(), queue.dir());
        if (terminal) {
            log.print("\r" + line + "   ");
        } else {
            log.println(line);
        }
        log.flush();
    }

    /** The topics' partitions; null when stopped while waiting. */
    private Map<String, List<PartitionInfo>> awaitTopics() {
        long lastNotice = 0;
        while (!stopping) {
            Map<String, List<PartitionInfo>> all = consumer.listTopics(Duration.ofSeconds(30));
            List<String> missing = options.topics().stream().filter(t -> !all.containsKey(t)).toList();
            if (missing.isEmpty()) {
                Map<String, List<PartitionInfo>> found = new HashMap<>();
                options.topics().forEach(t -> found.put(t, all.get(t)));
                return found;
            }
            if (!options.waitForTopics()) {
                throw new MissingTopicsException(missing);
            }
            if (System.nanoTime() - lastNotice > 10_000_000_000L) {
                log.println("entroflow record: waiting for topic(s) " + missing + " to be created");
                log.flush();
                lastNotice = System.nanoTime();
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void assign(Map<String, List<PartitionInfo>> partitions, StartAt startAt) {
        List<TopicPartition> fresh = new ArrayList<>();
        for (List<PartitionInfo> infos : partitions.values()) {
            for (PartitionInfo i : infos) {
                TopicPartition tp = new TopicPartition(i.topic(), i.partition());
                if (assigned.add(tp)) {
                    fresh.add(tp);
                }
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        consumer.assign(assigned);
        List<TopicPartition> unknown = new ArrayList<>();
        for (TopicPartition tp : fresh) {
            Long at = next.get(tp);
            if (at != null) {
                consumer.seek(tp, at);
            } else {
                unknown.add(tp);
            }
        }
        if (!unknown.isEmpty()) {
            if (startAt == StartAt.LATEST) {
                consumer.seekToEnd(unknown);
            } else {
                consumer.seekToBeginning(unknown);
            }
            for (TopicPartition tp : unknown) {
                next.put(tp, consumer.position(tp));
            }
        }
    }

    /** New partitions of the topics (a topic grown with {@code kafka-topics --alter}) start at their beginning. */
    private void refreshPartitions() {
        Map<String, List<PartitionInfo>> partitions = new HashMap<>();
        for (String t : options.topics()) {
            partitions.put(t, consumer.partitionsFor(t, Duration.ofSeconds(10)));
        }
        int before = assigned.size();
        // a partition created after the start has nothing older than the start: record it from its beginning
        assign(partitions, StartAt.EARLIEST);
        if (assigned.size() > before) {
            log.printf("entroflow record: now recording %d partitions%n", assigned.size());
            queue.checkpoint(next);
        }
    }

    private void sweep() {
        for (var f : Retention.sweep(queue.dir(), Instant.now(), options.retain())) {
            log.println("entroflow record: --retain " + options.retain() + ": deleted " + f);
        }
        queue.refreshDirectoryListing();
        log.flush();
    }

    /** Topics that do not exist on the cluster. */
    public static final class MissingTopicsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final List<String> topics;

        MissingTopicsException(List<String> topics) {
            super("--topics: " + (topics.size() == 1 ? "topic " : "topics ") + new TreeSet<>(topics)
                    + (topics.size() == 1 ? " does" : " do") + " not exist (create it first, check the name,"
                    + " or pass --wait-for-topics)");
            this.topics = List.copyOf(topics);
        }

        public List<String> topics() {
            return topics;
        }
    }
}
