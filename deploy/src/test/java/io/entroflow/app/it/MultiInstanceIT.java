package io.entroflow.app.it;

import io.entroflow.app.broker.EmbeddedKafka;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.runtime.MonitorRuntime;
import io.entroflow.topology.runtime.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances of one monitor, each an {@code entroflow run} in a child JVM with its own data
 * directory, sharing the work the way Kafka Streams shares it (one consumer group, tasks per input
 * partition): the committed outputs of 2 and 3 instances equal one instance's, and when one of two
 * instances with standby replicas is killed with SIGKILL the other takes its tasks over within a
 * bound, with outputs equal to a single instance's.
 */
@IntegrationTest
class MultiInstanceIT {
    /**
     * This class's own broker: with the shared one, after the earlier ITs, one partition of this
     * class's fresh input topic took no record for 300 s in two full-suite runs under load (the class
     * alone passed), so it runs apart from what the other classes leave on the shared broker.
     */
    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafka.start(Files.createTempDirectory("entroflow-multi-kafka"), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }
    static final int KEYS = 24;
    private static final Pattern EVENTS_IN = Pattern.compile("events in (\\d+)");
    private static final Pattern DONE = Pattern.compile("processed (\\d+), dead-lettered (\\d+)");
    /**
     * Kill to every key's output moving again, with the runtime's 10 s session timeout (a killed static
     * member's tasks move only when it expires) and standby replicas. Documented in docs/reliability.md.
     */
    static final Duration TAKEOVER_BOUND = Duration.ofSeconds(40);

    /** A single-topic spec keyed by a field: count, time, decay and cumulative windows, a transfer entropy, rules. */
    static String spec(String name, String input) {
        return """
                monitor: %1$s
                input:
                  topics: [%2$s]
                  key: {field: /key}
                  time: {field: /ts}
                  lateness: 1s
                signals:
                  - {name: kind, kind: categorical, field: /kind, values: [a, b, c, d]}
                  - {name: x, kind: categorical, field: /x, values: ["0", "1", "2", "3"]}
                  - {name: y, kind: categorical, field: /y, values: ["0", "1", "2", "3"]}
                  - {name: amount, kind: numeric, field: /amount, symbolize: {method: bins, bins: 4, min: 0, max: 100}}
                operators:
                  - {name: kind-count, type: entropy, signal: kind, window: {count: 100}}
                  - {name: kind-time, type: entropy, signal: kind, window: {time: 2s}}
                  - {name: kind-decay, type: entropy, signal: kind, window: {decay: {half-life: 64}}}
                  - {name: amount-all, type: entropy, signal: amount, window: {cumulative: true}}
                  - {name: x-to-y, type: transfer-entropy, signals: [x, y], window: {count: 100}}
                aggregates: {interval: 1s}
                rules:
                  - {name: kind-low, operator: kind-count, threshold: {below: 1.0, exit: 1.5}, min-events: 100}
                outputs:
                  aggregates: %1$s-aggregates
                  alert-events: %1$s-alert-events
                  alert-state: %1$s-alert-state
                  dead-letter: %1$s-dead-letter
                """.formatted(name, input);
    }

    /**
     * {@code events} events over {@link #KEYS} keys, 2 ms of event time apart, starting at
     * {@code firstEvent}; record key = the key; every fourth key sends only kind "a" in the middle
     * third (the rule fires); every 1,000th record broken.
     */
    static List<ProducerRecord<String, String>> input(String topic, int firstEvent, int events) {
        Random r = new Random(7 + firstEvent);
        List<ProducerRecord<String, String>> out = new ArrayList<>();
        for (int i = firstEvent; i < firstEvent + events; i++) {
            int k = i % KEYS;
            long ts = CrashRecoveryIT.T0 + i * 2L;
            boolean collapsed = k % 4 == 0 && i % 9_000 > 3_000 && i % 9_000 < 6_000;
            String json = "{\"ts\":" + ts + ",\"key\":\"k" + k + "\",\"kind\":\"" + (collapsed ? "a" : "abcd".charAt(r.nextInt(4)))
                    + "\",\"x\":\"" + r.nextInt(4) + "\",\"y\":\"" + r.nextInt(4) + "\",\"amount\":" + r.nextInt(100) + "}";
            out.add(new ProducerRecord<>(topic, null, ts, "k" + k, i % 1_000 == 999 ? "{broken" : json));
        }
        return out;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldCommitTheSameOutputsWithOneTwoAndThreeInstancesOnSixPartitions() throws Exception {
        String run = Long.toString(System.currentTimeMillis());
        Path dir = Files.createTempDirectory("entroflow-scale-it");

        MonitorOutputs one = null;
        for (int instances = 1; instances <= 3; instances++) {
            String name = "s" + instances + "x" + run;
            // an input topic per run, written once every instance has input partitions: instances that
            // started early cannot parse the whole input before the last one has its tasks (a child's
            // "running on" comes before its first assignment; CI counted [0, 6750, 2250] waiting only
            // for that). Its name renames with the monitor's
            String input = name + "-in";
            createTopic(input, 6);
            List<ProducerRecord<String, String>> records = input(input, 0, 9_000);
            Path spec = dir.resolve(name + ".yaml");
            Files.writeString(spec, spec(name, input));
            List<ChildMonitor> monitors = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    Properties config = new Properties();
                    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-" + name);
                    monitors.add(new ChildMonitor(name + "-" + i, spec, broker.bootstrapServers(), config, dir).start());
                }
                for (ChildMonitor m : monitors) {
                    m.awaitRunning(Duration.ofSeconds(120));
                }
                awaitEveryMemberReads("entroflow-" + name, input, instances, Duration.ofSeconds(120));
                CrashRecoveryIT.send(broker.bootstrapServers(), records, 0);
                awaitEventsIn(monitors, records.size(), Duration.ofSeconds(180));
                MonitorOutputs out = MonitorOutputs.read(broker.clientConfig(), name + "-aggregates", name + "-alert-events", name + "-dead-letter",
                        one == null ? 1 : one.aggregateCount(), one == null ? 1 : one.alertCount(),
                        one == null ? 9 : one.deadLetters().size(), Duration.ofSeconds(120)).renamed(name, "m");
                List<Long> perInstance = monitors.stream().map(MultiInstanceIT::eventsIn).toList();
                System.out.println("scale-out test: " + instances + " instance(s), events in per instance " + perInstance);
                assertThat(perInstance).as("every instance parses a share of the input").allSatisfy(n -> assertThat(n).isPositive());
                if (one == null) {
                    one = out;
                    assertThat(one.aggregates().keySet()).hasSize(KEYS * 5);
                    assertThat(one.alertCount()).isGreaterThanOrEqualTo(KEYS / 4);
                    assertThat(one.deadLetters()).hasSize(9);
                } else {
                    assertThat(out.aggregates()).isEqualTo(one.aggregates());
                    assertThat(out.alerts()).isEqualTo(one.alerts());
                    assertThat(out.deadLetters()).isEqualTo(one.deadLetters());
                }
            } finally {
                for (ChildMonitor m : monitors) {
                    m.close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldTakeOverAKilledInstancesTasksWithinTheBoundAndCommitTheSameOutputs() throws Exception {
        String run = Long.toString(System.currentTimeMillis());
        String input = "failover-" + run;
        String bootstrap = broker.bootstrapServers();
        Path dir = Files.createTempDirectory("entroflow-failover-it");
        createTopic(input, 4);
        List<ProducerRecord<String, String>> head = input(input, 0, 6_000);
        List<ProducerRecord<String, String>> tail = input(input, 6_000, 3_000);

        String name = "f" + run;
        Path spec = dir.resolve(name + ".yaml");
        Files.writeString(spec, spec(name, input));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-" + name);
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
        MonitorOutputs two;
        long takeoverMillis;
        try (ChildMonitor a = new ChildMonitor(name + "-a", spec, bootstrap, config, dir).start();
             ChildMonitor b = new ChildMonitor(name + "-b", spec, bootstrap, config, dir).start()) {
            a.awaitRunning(Duration.ofSeconds(120));
            b.awaitRunning(Duration.ofSeconds(120));
            awaitEveryMemberReads("entroflow-" + name, input, 2, Duration.ofSeconds(120));
            CrashRecoveryIT.send(bootstrap, head, 0);
            awaitEventsIn(List.of(a, b), head.size(), Duration.ofSeconds(180));
            assertThat(eventsIn(a)).isPositive();
            assertThat(eventsIn(b)).isPositive();
            Thread.sleep(2_000); // let the standbys catch up with the last commits

            long killedAt = System.nanoTime();
            b.kill();
            CrashRecoveryIT.send(bootstrap, tail, 0);
            long lastTail = CrashRecoveryIT.T0 + (6_000 + 3_000 - 1) * 2L;
            awaitEveryKeyAt(name + "-aggregates", lastTail / 1_000 * 1_000 - 1_000, Duration.ofSeconds(240));
            takeoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.println("failover test: every key's aggregates moved on " + takeoverMillis + " ms after kill -9");
            two = MonitorOutputs.read(broker.clientConfig(), name + "-aggregates", name + "-alert-events", name + "-dead-letter", 1, 1, 9,
                    Duration.ofSeconds(60)).renamed(name, "m");
            assertThat(a.alive()).isTrue();
        }

        // the same input through one uninterrupted instance
        String single = "g" + run;
        Path singleSpec = dir.resolve(single + ".yaml");
        Files.writeString(singleSpec, spec(single, input));
        MonitorPlan plan = CrashRecoveryIT.plan(singleSpec);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            Topics.create(admin, plan, false, 4);
        }
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.APPLICATION_ID_CONFIG, "entroflow-" + single);
        MonitorOutputs one;
        try (MonitorRuntime monitor = new MonitorRuntime(plan, MonitorRuntime.config(plan, bootstrap, dir.resolve("single"),
                true, single, overrides))) {
            monitor.start();
            CrashRecoveryIT.awaitEventsIn(monitor, head.size() + tail.size(), Duration.ofSeconds(180));
            one = MonitorOutputs.read(broker.clientConfig(), single + "-aggregates", single + "-alert-events", single + "-dead-letter",
                    two.aggregateCount(), two.alertCount(), 9, Duration.ofSeconds(90)).renamed(single, "m");
        }
        assertThat(one.aggregates().keySet()).hasSize(KEYS * 5);
        assertThat(one.alertCount()).isPositive();
        assertThat(two.aggregates()).isEqualTo(one.aggregates());
        assertThat(two.alerts()).isEqualTo(one.alerts());
        assertThat(two.deadLetters()).isEqualTo(one.deadLetters());
        assertThat(Duration.ofMillis(takeoverMillis)).isLessThan(TAKEOVER_BOUND);
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Topics.awaitReady(admin, List.of(topic), Duration.ofSeconds(60));
        }
    }

    /**
     * Waits until the application's consumer group is stable with {@code members} members, each
     * assigned a partition of {@code input}: every instance then parses a share of what is written
     * next (no member joins or leaves later, so no rebalance moves the input partitions).
     */
    private static void awaitEveryMemberReads(String groupId, String input, int members, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        try (Admin admin = Admin.create(broker.clientConfig())) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all().get(30, TimeUnit.SECONDS).get(groupId);
                List<Long> inputPartitions = group.members().stream()
                        .map(m -> m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(input)).count())
                        .toList();
                last = group.groupState() + " " + inputPartitions;
                if (group.groupState() == GroupState.STABLE && inputPartitions.size() == members
                        && inputPartitions.stream().allMatch(n -> n > 0)) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("group " + groupId + " not stable with " + members + " members reading " + input + " within " + timeout + ": " + last);
    }

    /** The events-in count of the monitor's last status line (0 before the first). */
    static long eventsIn(ChildMonitor m) {
        Matcher matcher = EVENTS_IN.matcher(m.lastStatus());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** Processed + dead-lettered of the monitor's last status line (0 before the first). */
    static long eventsDone(ChildMonitor m) {
        Matcher matcher = DONE.matcher(m.lastStatus());
        return matcher.find() ? Long.parseLong(matcher.group(1)) + Long.parseLong(matcher.group(2)) : 0;
    }

    /**
     * Waits until the instances' processed and dead-lettered counts add up to {@code events}: every
     * event has passed the signals stage, and so the operators (the same task, in the same call).
     */
    private static void awaitEventsIn(List<ChildMonitor> monitors, long events, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (monitors.stream().mapToLong(MultiInstanceIT::eventsDone).sum() >= events) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("events done " + monitors.stream().map(MultiInstanceIT::eventsDone).toList() + " of " + events);
    }

    /** Waits until every key has a committed aggregate stamped {@code time} or later. */
    private static void awaitEveryKeyAt(String topic, long time, Duration timeout) throws IOException {
        Properties p = broker.clientConfig();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> latest = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    long t = JsonSerde.MAPPER.readTree(r.value()).path("time").asLong();
                    latest.merge(r.key(), t, Math::max);
                }
                if (latest.size() == KEYS && latest.values().stream().allMatch(t -> t >= time)) {
                    return;
                }
            }
        }
        throw new AssertionError("keys not at " + time + " within " + timeout + ": " + latest);
    }
}
