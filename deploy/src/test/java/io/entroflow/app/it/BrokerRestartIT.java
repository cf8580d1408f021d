package io.entroflow.app.it;

import io.entroflow.app.broker.EmbeddedKafka;
import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import io.entroflow.topology.stream.BadEvent;
import io.entroflow.topology.stream.BadRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker restarts under load: the monitor (keyed by a field, so through the re-key topic) keeps
 * running while its only broker is stopped and started again on the same data, input arriving
 * throughout (good events mixed with generated bad records, {@link BadRecords}). Afterwards, counted on
 * committed results and not on attempts: every input record is processed exactly once or
 * dead-lettered exactly once (the keys' {@code events_seen} in on-demand aggregates plus the committed
 * dead letters = the records sent), the outputs equal an uninterrupted run's, and the monitor is RUNNING.
 * The broker is this class's own (restarting the shared one would disturb other tests).
 */
@IntegrationTest
class BrokerRestartIT {
    private static final int GOOD = 6_000;
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(170);

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldLoseAndDuplicateNothingWhenTheBrokerRestartsUnderLoad() throws Exception {
        Path brokerDir = Files.createTempDirectory("entroflow-restart-kafka");
        Path dir = Files.createTempDirectory("entroflow-restart-it");
        EmbeddedKafka broker = EmbeddedKafka.start(brokerDir, Duration.ofSeconds(90));
        try {
            Properties client = broker.clientConfig();
            String input = "restart-events";
            try (Admin admin = Admin.create(client)) {
                admin.createTopics(List.of(new NewTopic(input, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            List<ProducerRecord<byte[], byte[]>> records = input(input);
            MonitorPlan plan = plan(dir, "restarted", input, client);
            Properties overrides = new Properties();
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-restart-restarted");
            MonitorOutputs interrupted;
            long processed;
            long deadLettered;
            try (MonitorRuntime monitor = new MonitorRuntime(plan, MonitorRuntime.config(plan, broker.bootstrapServers(),
                    dir.resolve("r-state"), true, "restarted", overrides))) {
                monitor.start();
                monitor.awaitRunning(Duration.ofSeconds(90));
                AtomicReference<Throwable> sendFailure = new AtomicReference<>();
                AtomicLong resent = new AtomicLong();
                Thread sender = new Thread(() -> send(client, records, 10_000, resent), "sender");
                sender.setUncaughtExceptionHandler((thread, failure) -> sendFailure.set(failure));
                sender.start();
                Thread.sleep(3_000);
                broker.close();
                System.out.println("broker restart test: broker stopped; monitor " + monitor.state() + ", events in "
                        + monitor.counters().eventsIn());
                Thread.sleep(4_000);
                broker = EmbeddedKafka.start(brokerDir, Duration.ofSeconds(90));
                assertThat(broker.clientConfig().getProperty("bootstrap.servers")).isEqualTo(client.getProperty("bootstrap.servers"));
                System.out.println("broker restart test: broker started again");
                sender.join(SEND_DEADLINE.plusSeconds(70).toMillis());
                assertThat(sender.isAlive()).as("the sender still sending").isFalse();
                assertThat(sendFailure.get()).as("the sender's failure").isNull();

                // the input as it is on the broker: the test's producer may have written a batch twice
                // across the restart; the monitor must count what is there, once
                long inputRecords = inputRecords(client, input);
                Map<String, Long> seen = requestEventsSeen(client, plan, Duration.ofSeconds(180));
                processed = seen.values().stream().mapToLong(Long::longValue).sum();
                List<String> dead = SharedBroker.readAllWithHeaders(client, "restarted-dead-letter", 1, Duration.ofSeconds(30));
                deadLettered = dead.size();
                long late = dead.stream().filter(d -> d.contains(" " + DeadLetterHeaders.REASON + "=" + BadEvent.LATE)).count();
                System.out.println("broker restart test: " + records.size() + " records sent, " + inputRecords + " in the topic, " + processed
                        + " processed (committed events_seen), " + deadLettered + " dead-lettered (committed); attempts counted "
                        + monitor.counters().eventsIn() + "; " + resent.get() + " records sent again, " + late + " dead-lettered as late");
                assertThat(processed + deadLettered).isEqualTo(inputRecords);
                // the input is in time order; only a record sent again after later ones may arrive late
                assertThat(late).isLessThanOrEqualTo(resent.get());
                assertThat(processed + late).isGreaterThanOrEqualTo(GOOD - GOOD / 1_000);
                assertThat(monitor.state()).isEqualTo(KafkaStreams.State.RUNNING);
                interrupted = MonitorOutputs.read(client, "restarted-aggregates", "restarted-alert-events", "restarted-dead-letter",
                        1, 1, (int) deadLettered, Duration.ofSeconds(30)).renamed("restarted", "m");
            }

            MonitorPlan quiet = plan(dir, "steady", input, client);
            overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-restart-steady");
            try (MonitorRuntime monitor = new MonitorRuntime(quiet, MonitorRuntime.config(quiet, broker.bootstrapServers(),
                    dir.resolve("u-state"), true, "steady", overrides))) {
                monitor.start();
                CrashRecoveryIT.awaitEventsIn(monitor, inputRecords(client, input), Duration.ofSeconds(120));
                MonitorOutputs uninterrupted = MonitorOutputs.read(client, "steady-aggregates", "steady-alert-events", "steady-dead-letter",
                        interrupted.aggregateCount(), interrupted.alertCount(), (int) deadLettered, Duration.ofSeconds(90))
                        .renamed("steady", "m");
                assertThat(interrupted.aggregates()).isEqualTo(uninterrupted.aggregates());
                assertThat(interrupted.alerts()).isEqualTo(uninterrupted.alerts());
                assertThat(interrupted.deadLetters()).isEqualTo(uninterrupted.deadLetters());
            }
        } finally {
            broker.close();
        }
    }

    /** The records in {@code topic} (no transactions there: end offset − start offset, summed). */
    private static long inputRecords(Properties client, String topic) throws Exception {
        try (Admin admin = Admin.create(client)) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> end = new HashMap<>();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> start = new HashMap<>();
            for (var p : partitions) {
                end.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest());
                start.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.earliest());
            }
            long n = 0;
            for (var e : admin.listOffsets(end).all().get(30, TimeUnit.SECONDS).values()) {
                n += e.offset();
            }
            for (var e : admin.listOffsets(start).all().get(30, TimeUnit.SECONDS).values()) {
                n -= e.offset();
            }
            return n;
        }
    }

    private static MonitorPlan plan(Path dir, String name, String input, Properties client) throws Exception {
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, MultiInstanceIT.spec(name, input));
        MonitorPlan plan = CrashRecoveryIT.plan(spec);
        try (Admin admin = Admin.create(client)) {
            Topics.create(admin, plan, false, 2);
        }
        return plan;
    }

    /** {@link MultiInstanceIT#input} events with a generated bad record after every tenth, as bytes. */
    private static List<ProducerRecord<byte[], byte[]>> input(String topic) {
        SplittableRandom random = new SplittableRandom(17);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        List<ProducerRecord<String, String>> good = MultiInstanceIT.input(topic, 0, GOOD);
        for (int i = 0; i < good.size(); i++) {
            ProducerRecord<String, String> g = good.get(i);
            out.add(new ProducerRecord<>(topic, null, g.timestamp(), g.key().getBytes(StandardCharsets.UTF_8),
                    g.value().getBytes(StandardCharsets.UTF_8)));
            if (i % 10 == 9) {
                for (BadRecords.Input bad : BadRecords.draw(random, g.timestamp())) {
                    out.add(new ProducerRecord<>(topic, null, g.timestamp(), bad.key(), bad.value()));
                }
            }
        }
        return out;
    }

    /**
     * Sends the records over {@code spreadMillis}, riding out a broker restart: a record whose send failed
     * (for instance a batch that never got an answer from the stopped broker) is sent again by a fresh
     * producer, until every record is acknowledged or {@link #SEND_DEADLINE} has passed. A record may so
     * be written twice, and after later records (so the monitor may dead-letter it as late); the test
     * counts the topic's records, not the sends. {@code resent} counts the records sent again.
     */
    private static void send(Properties client, List<ProducerRecord<byte[], byte[]>> records, long spreadMillis,
                             AtomicLong resent) {
        long deadline = System.nanoTime() + SEND_DEADLINE.toNanos();
        List<ProducerRecord<byte[], byte[]>> pending = records;
        long spread = spreadMillis;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sending failed: " + pending.size() + " records unacknowledged after " + SEND_DEADLINE);
            }
            List<ProducerRecord<byte[], byte[]>> failed = sendOnce(client, pending, spread);
            if (!failed.isEmpty()) {
                System.out.println("broker restart test: sending attempt " + attempt + ": " + failed.size()
                        + " records unacknowledged, sending them again");
                resent.addAndGet(failed.size());
            }
            pending = failed;
            spread = 0;
        }
    }

    /** Sends once with one producer; returns the records whose send failed, after printing the first failure's cause. */
    private static List<ProducerRecord<byte[], byte[]>> sendOnce(Properties client, List<ProducerRecord<byte[], byte[]>> records,
                                                             long spreadMillis) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 20_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        List<ProducerRecord<byte[], byte[]>> failed = new ArrayList<>();
        List<Future<?>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.currentTimeMillis();
            for (int i = 0; i < records.size(); i++) {
                try {
                    acks.add(producer.send(records.get(i)));
                } catch (KafkaException e) {
                    acks.add(CompletableFuture.failedFuture(e));
                }
                long wait = start + spreadMillis * i / records.size() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("sending interrupted", e);
        }
        Throwable first = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (Exception e) {
                failed.add(records.get(i));
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            System.out.println("broker restart test: first failed send: " + first);
        }
        return failed;
    }

    /**
     * Asks for every key's aggregates (one request per partition of the requests topic) and returns the
     * keys' {@code events_seen} of operator kind-count, read committed: the events the monitor has
     * processed for each key, once each, whatever it retried.
     */
    private static Map<String, Long> requestEventsSeen(Properties client, MonitorPlan plan, Duration timeout) throws Exception {
        String requests = plan.spec().aggregates().requests();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> seen = new HashMap<>();
        long previousTotal = -1;
        while (System.nanoTime() < deadline) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (PartitionInfo p : producer.partitionsFor(requests)) {
                    producer.send(new ProducerRecord<>(requests, p.partition(), null, new byte[0])).get();
                }
            }
            Thread.sleep(2_000);
            seen.clear();
            for (Map.Entry<String, String> r : SharedBroker.readAll(client, plan.spec().outputs().aggregates(), 1,
                    Duration.ofSeconds(20))) {
                var a = JsonSerde.MAPPER.readTree(r.getValue());
                if (a.path("trigger").asText().equals(AggregateRecord.REQUEST) && a.path("operator").asText().equals("kind-count")) {
                    seen.merge(a.path("key").asText(), a.path("events_seen").asLong(), Math::max);
                }
            }
            long total = seen.values().stream().mapToLong(Long::longValue).sum();
            if (seen.size() == MultiInstanceIT.KEYS && total == previousTotal) {
                return seen; // two answers in a row agree: nothing left to process
            }
            previousTotal = total;
        }
        throw new AssertionError("no stable answer to the aggregate requests: " + seen);
    }
}
