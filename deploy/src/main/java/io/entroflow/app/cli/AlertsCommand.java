package io.entroflow.app.cli;

import io.entroflow.app.alerts.CompactedTopic;
import io.entroflow.app.alerts.TextTable;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.schemas.wire.WebhookMessage;
import io.entroflow.topology.route.AlertLabels;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code entroflow alerts --config SPEC [--follow] [--subscription ID] [--limit N]}: the notifications
 * topic (the audit log of everything sent) as a readable table, one row per notification: its event
 * time, subscription, status, reason, group and alerts. Without {@code --follow} it prints what is
 * there and ends; with it, it goes on printing new notifications until Ctrl-C or SIGTERM.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Show the notifications sent (the notifications topic, the audit log) as a table.",
                "With --follow, keep printing new ones until stopped."})
public final class AlertsCommand implements Callable<Integer> {
    private static final String[] HEADER = {"TIME", "SUBSCRIPTION", "STATUS", "REASON", "GROUP", "ALERTS"};
    private static final int[] WIDTH = {24, 14, 8, 23, 20, 0};

    @Mixin
    AlertCommandOptions alerts;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new notifications until stopped.")
    boolean follow;

    @Option(names = "--subscription", paramLabel = "ID", description = "Only the notifications of this subscription.")
    String subscription;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N notifications.")
    Long limit;

    private final PrintStream out;
    private final PrintStream err;

    public AlertsCommand() {
        this(System.out, System.err);
    }

    public AlertsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (limit != null && limit < 1) {
            throw CommandFailure.usage("--limit: expected a count >= 1, got " + limit);
        }
        String topic = alerts.topics().notifications();
        Duration timeout = alerts.kafka.connectTimeout();
        Properties p = new Properties();
        p.putAll(alerts.client());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        boolean interrupted = false;
        try (StopOnShutdown shutdown = StopOnShutdown.register("entroflow-alerts-shutdown", Duration.ofSeconds(10));
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            shutdown.stopWith(consumer::wakeup);
            List<TopicPartition> parts = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            if (parts.isEmpty() && !follow) {
                throw CommandFailure.runtime("topic '" + topic + "' does not exist on " + p.get("bootstrap.servers")
                        + "; has the monitor of " + alerts.config + " run with a routing section?", null);
            }
            while (parts.isEmpty()) {
                Thread.sleep(1000);
                parts = consumer.partitionsFor(topic, timeout).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            out.println(TextTable.line(List.of(HEADER), WIDTH));
            long printed = 0;
            while (limit == null || printed < limit) {
                if (!follow && CompactedTopic.caughtUp(consumer, end)) {
                    break;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    List<String> row = row(r);
                    if (row != null && (limit == null || printed < limit)) {
                        out.println(TextTable.line(row, WIDTH));
                        printed++;
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    interrupted = true;
                    break;
                }
            }
        } catch (WakeupException stopped) {
            // Ctrl-C or SIGTERM: the table so far is the answer
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    private List<String> row(ConsumerRecord<String, byte[]> r) {
        Notification n;
        try {
            n = JsonSerde.MAPPER.readValue(r.value(), Notification.class);
        } catch (IOException | RuntimeException e) {
            err.println("entroflow alerts: " + r.topic() + "/" + r.partition() + "@" + r.offset() + ": not a notification");
            return null;
        }
        if (n == null || n.payload() == null || (subscription != null && !subscription.equals(n.subscription()))) {
            return null;
        }
        WebhookMessage m = n.payload();
        List<String> firing = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (WebhookMessage.Alert a : m.alerts()) {
            (AlertRecord.RESOLVED.equals(a.status()) ? resolved : firing).add(name(a));
        }
        String alertsText = (firing.isEmpty() ? "" : "firing " + String.join(" ", firing))
                + (firing.isEmpty() || resolved.isEmpty() ? "" : "; ")
                + (resolved.isEmpty() ? "" : "resolved " + String.join(" ", resolved));
        return List.of(Instant.ofEpochMilli(n.time()).toString(), String.valueOf(n.subscription()), String.valueOf(m.status()),
                m.notificationReason() == null ? "" : m.notificationReason(), labels(m.groupLabels()), alertsText);
    }

    /** {@code alertname[key]}, or the alert's labels when it has no {@code key}. */
    private static String name(WebhookMessage.Alert a) {
        Map<String, String> l = a.labels() == null ? Map.of() : a.labels();
        String key = l.get(AlertLabels.KEY);
        return key == null ? labels(l) : l.getOrDefault(AlertLabels.ALERTNAME, "") + "[" + key + "]";
    }

    private static String labels(Map<String, String> l) {
        if (l == null || l.isEmpty()) {
            return "{}";
        }
        StringBuilder b = new StringBuilder("{");
        new java.util.TreeMap<>(l).forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append('=').append(v));
        return b.append('}').toString();
    }
}
