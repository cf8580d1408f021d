package io.entroflow.topology.runtime;

import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.stream.DeadLetterProcessingHandler;
import io.entroflow.topology.stream.MonitorCounters;
import io.entroflow.topology.stream.MonitorTopology;
import io.entroflow.topology.stream.StreamTimings;
import io.entroflow.topology.stream.TopologyNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One monitor as a running Kafka Streams application.
 *
 * <p>Defaults (each overridable from {@code --kafka-config}): {@code processing.guarantee=exactly_once_v2},
 * a commit interval of 200 ms, producers that retry after {@link #PRODUCER_RETRY_BACKOFF_MS},
 * static membership ({@code group.instance.id}) with a 10 s session timeout so a restarted instance
 * takes its tasks back at once; records that make a processor throw go to the dead-letter topic
 * ({@link DeadLetterProcessingHandler}, always set); a failed stream thread is replaced a few times
 * for one error, then the client shuts down ({@link ThreadReplacementPolicy}). {@link #close()} shuts
 * down gracefully (commits, closes stores).
 */
public final class MonitorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorRuntime.class);
    /** {@code max.task.idle.ms} for monitors that align signals of different topics. */
    public static final long ALIGNED_TASK_IDLE_MS = 1_000;
    /** The stream threads' producers' {@code retry.backoff.ms} (Kafka's default 100): see {@link #config}. */
    public static final long PRODUCER_RETRY_BACKOFF_MS = 10;

    private final KafkaStreams streams;
    private final MonitorCounters counters;
    private final ThreadReplacementPolicy threadPolicy;
    private final Admin purgeAdmin;
    private final ScheduledExecutorService purgeTimer;

    /**
     * @param plan   the monitor
     * @param config Kafka Streams configuration, see {@link #config}
     */
    public MonitorRuntime(MonitorPlan plan, Properties config) {
        this(plan, config, StreamTimings.NONE);
    }

    /**
     * @param plan    the monitor
     * @param config  Kafka Streams configuration, see {@link #config}
     * @param timings where the stream threads report operator update times and event-to-alert latencies
     */
    public MonitorRuntime(MonitorPlan plan, Properties config, StreamTimings timings) {
        this(plan, config, timings, new TopologyNames(plan.monitor()));
    }

    /**
     * A monitor whose re-key topic (and purger) are those of {@code names}: a second application of
     * the same spec beside the live monitor ({@code reprocess}) passes its own, whose application id
     * {@code config} must also hold.
     */
    public MonitorRuntime(MonitorPlan plan, Properties config, TopologyNames names) {
        this(plan, config, StreamTimings.NONE, names);
    }

    /**
     * @param plan    the monitor
     * @param config  Kafka Streams configuration, see {@link #config}; its application id is {@code names}'
     * @param timings where the stream threads report operator update times and event-to-alert latencies
     * @param names   the application id and re-key topic to run under
     */
    public MonitorRuntime(MonitorPlan plan, Properties config, StreamTimings timings, TopologyNames names) {
        this.counters = new MonitorCounters(timings);
        Properties p = new Properties();
        p.putAll(config);
        DeadLetterProcessingHandler.configure(p, plan.spec().outputs().deadLetter(), counters);
        discardUncleanState(plan.monitor(), p);
        this.streams = new KafkaStreams(MonitorTopology.build(plan, counters, names), p);
        this.threadPolicy = new ThreadReplacementPolicy(plan.monitor(), ThreadReplacementPolicy.DEFAULT_MAX_REPLACEMENTS,
                ThreadReplacementPolicy.DEFAULT_WINDOW, Clock.systemUTC());
        streams.setUncaughtExceptionHandler(threadPolicy);
        if (plan.spec().input().key().fromField()) {
            this.purgeAdmin = Admin.create(new StreamsConfig(p).getAdminConfigs(names.applicationId() + "-rekey-purge"));
            RekeyPurger purger = new RekeyPurger(purgeAdmin, names);
            this.purgeTimer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, names.applicationId() + "-rekey-purge");
                t.setDaemon(true);
                return t;
            });
            purgeTimer.scheduleWithFixedDelay(purger::purgeOnce, RekeyPurger.INTERVAL_MS, RekeyPurger.INTERVAL_MS,
                    TimeUnit.MILLISECONDS);
        } else {
            this.purgeAdmin = null;
            this.purgeTimer = null;
        }
    }

    /**
     * Under exactly-once, discards the task directories whose stores a killed process left open
     * ({@link UncleanState}) and says so in one line, before Kafka Streams would find them corrupted.
     */
    private static void discardUncleanState(String monitor, Properties config) {
        StreamsConfig streamsConfig = new StreamsConfig(config);
        if (streamsConfig.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG).equals(StreamsConfig.AT_LEAST_ONCE)) {
            return; // no uncommitted writes to fear: Kafka Streams keeps the state and replays from the offsets
        }
        Path applicationDir = Path.of(streamsConfig.getString(StreamsConfig.STATE_DIR_CONFIG),
                streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG));
        List<String> tasks = UncleanState.discard(applicationDir);
        if (!tasks.isEmpty()) {
            LOG.info("monitor {}: the local state of task{} {} was not closed cleanly (the process was killed?) and may hold"
                    + " uncommitted writes; it is discarded and rebuilt from the changelog topics", monitor,
                    tasks.size() == 1 ? "" : "s", String.join(", ", tasks));
        }
    }

    /** Why the monitor shut itself down (one line), or empty: see {@link ThreadReplacementPolicy}. */
    public String shutdownReason() {
        return threadPolicy.shutdownReason();
    }

    /**
     * The Streams configuration: entroflow's defaults, then {@code overrides} (a {@code --kafka-config}
     * file: SASL/SSL settings, or any Streams/client setting).
     *
     * @param bootstrap   bootstrap servers
     * @param singleNode  true for the embedded broker: internal topics with replication factor 1
     * @param instanceId  static-membership id of this instance (stable across restarts)
     */
    public static Properties config(MonitorPlan plan, String bootstrap, Path stateDir, boolean singleNode,
                                    String instanceId, Properties overrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, new TopologyNames(plan.monitor()).applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        // Under transactions version 2 (KIP-890) a transaction's first send to a partition adds it on the produce
        // path: right after a commit, before its markers are written, the broker may answer CONCURRENT_TRANSACTIONS,
        // and the producer retries after retry.backoff.ms (100 ms by default; the 20 ms of the old AddPartitionsToTxn
        // path no longer applies). Every output waits for two commits, so 10 ms (growing to the default 1 s
        // maximum while a broker stays unavailable) takes those stalls off its latency (docs/performance.md, "Session 16").
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), PRODUCER_RETRY_BACKOFF_MS);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put("processing.exception.handler.global.enabled", "true");
        if (plan.aligned()) {
            // a task reads its topics' partitions in timestamp order, waiting up to this long for a lagging one
            p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, ALIGNED_TASK_IDLE_MS);
        } else if (plan.spec().input().topics().size() == 1) {
            // one data topic: nothing to read in timestamp order with it (the requests and re-key topics
            // need no order against it), and with idling on Kafka Streams 4.3.1 formats log strings for
            // every record while the requests partition is empty (13 % of the stream thread, docs/performance.md)
            p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        }
        if (singleNode) {
            p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            p.put(StreamsConfig.topicPrefix("min.insync.replicas"), 1);
        }
        if (overrides != null) {
            p.putAll(overrides);
        }
        return p;
    }

    /** Starts processing (returns at once). */
    public void start() {
        streams.start();
    }

    /** Waits until the application is RUNNING, or throws after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR
                    || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("monitor: not running after " + timeout + ", state " + streams.state());
            }
            Thread.sleep(50);
        }
    }

    /** The application's state. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The Kafka Streams instance, read-only: for binding its metrics (e.g. Micrometer's
     * {@code KafkaStreamsMetrics}). Start and close it through this runtime only.
     */
    public KafkaStreams streams() {
        return streams;
    }

    /** Live counters. */
    public MonitorCounters counters() {
        return counters;
    }

    /** Graceful shutdown: finishes the current transaction, closes stores. Waits up to 30 s. */
    @Override
    public void close() {
        if (purgeTimer != null) {
            purgeTimer.shutdownNow();
            purgeAdmin.close(Duration.ofSeconds(5));
        }
        streams.close(Duration.ofSeconds(30));
    }
}
