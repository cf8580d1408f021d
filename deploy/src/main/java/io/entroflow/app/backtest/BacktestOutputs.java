package io.entroflow.app.backtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.schemas.wire.AlertRecord;
import io.entroflow.schemas.wire.DeadLetterHeaders;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.schemas.wire.Notification;
import io.entroflow.topology.offline.OfflineOutput;
import io.entroflow.topology.plan.MonitorPlan;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes what the monitor's sinks write to its output topics into files of {@code DIR}, one record a
 * line, in the order written, and tallies them for the summary:
 * <ul>
 *   <li>{@code aggregates.jsonl}: the aggregates topic's record values, byte for byte (JSON);</li>
 *   <li>{@code alert-events.jsonl}: the alert-events topic's record values, byte for byte (JSON);</li>
 *   <li>{@code dead-letter.jsonl}: one object per dead-letter record: {@code reason}, {@code field},
 *       {@code detail}, {@code source_topic}, {@code source_partition}, {@code source_offset} (the
 *       {@code entroflow.*} headers the live monitor sets), {@code timestamp}, {@code key} and
 *       {@code value} as UTF-8 text (or {@code key_base64}/{@code value_base64} when not valid UTF-8;
 *       null when absent), and {@code headers}: the record's other headers, in order;</li>
 *   <li>{@code notifications.jsonl} (a spec with a {@code routing} section): the notifications topic's
 *       record values ({@code Notification}, JSON), byte for byte. The records the router writes to
 *       the topic of a {@code {topic: T}} subscription are their payloads, so they are not written again.</li>
 * </ul>
 * The alert-state topic (the latest alert event per fingerprint, compacted) is not written: it
 * follows from the alert events. Not thread-safe.
 */
final class BacktestOutputs implements OfflineOutput, AutoCloseable {
    static final String AGGREGATES = "aggregates.jsonl";
    static final String ALERT_EVENTS = "alert-events.jsonl";
    static final String DEAD_LETTER = "dead-letter.jsonl";
    static final String NOTIFICATIONS = "notifications.jsonl";

    private final String aggregatesTopic;
    private final String alertEventsTopic;
    private final String deadLetterTopic;
    private final String notificationsTopic;
    private final OutputStream notificationsOut;
    private final OutputStream aggregates;
    private final OutputStream alertEvents;
    private final OutputStream deadLetters;
    private final List<AlertEventListener> listeners;
    private long aggregateCount;
    private long alertEventCount;
    private long deadLetterCount;
    private final Map<String, Long> deadLettersByReason = new TreeMap<>();
    private final Map<String, RuleTally> rules = new TreeMap<>();
    private final Map<String, NotificationTally> notifications = new TreeMap<>();

    /** What the notifications of one subscription came to. */
    static final class NotificationTally {
        long notifications;
        long firing;
        long resolved;
        String first;
        String last;
    }

    /** What the alert events of one rule came to. */
    static final class RuleTally {
        long fired;
        long resolved;
        String firstFiring;
        String lastFiring;
        final java.util.Set<String> keys = new java.util.TreeSet<>();
    }

    BacktestOutputs(Path dir, MonitorPlan plan, List<AlertEventListener> listeners) throws IOException {
        var out = plan.spec().outputs();
        this.aggregatesTopic = out.aggregates();
        this.alertEventsTopic = out.alertEvents();
        this.deadLetterTopic = out.deadLetter();
        this.listeners = List.copyOf(listeners);
        plan.rules().forEach(r -> rules.put(r.name(), new RuleTally()));
        this.aggregates = open(dir.resolve(AGGREGATES));
        this.alertEvents = open(dir.resolve(ALERT_EVENTS));
        this.deadLetters = open(dir.resolve(DEAD_LETTER));
        this.notificationsTopic = plan.routing() == null ? null : plan.routing().notificationsTopic();
        this.notificationsOut = notificationsTopic == null ? null : open(dir.resolve(NOTIFICATIONS));
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    }

    @Override
    public void write(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        try {
            if (topic.equals(aggregatesTopic)) {
                aggregateCount++;
                line(aggregates, value);
            } else if (topic.equals(alertEventsTopic)) {
                alertEventCount++;
                line(alertEvents, value);
                AlertRecord a = JsonSerde.MAPPER.readValue(value, AlertRecord.class);
                tally(a);
                for (AlertEventListener l : listeners) {
                    l.alertEvent(a, timestamp);
                }
            } else if (topic.equals(deadLetterTopic)) {
                deadLetterCount++;
                ObjectNode n = deadLetter(key, value, timestamp, headers);
                deadLettersByReason.merge(n.path("reason").asText(), 1L, Long::sum);
                line(deadLetters, JsonSerde.MAPPER.writeValueAsBytes(n));
            } else if (topic.equals(notificationsTopic)) {
                line(notificationsOut, value);
                tally(JsonSerde.MAPPER.readValue(value, Notification.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tally(AlertRecord a) {
        String rule = a.labels().get("rule");
        RuleTally t = rules.computeIfAbsent(rule == null ? "" : rule, r -> new RuleTally());
        if (AlertRecord.FIRING.equals(a.status())) {
            t.fired++;
            t.firstFiring = t.firstFiring == null ? a.startsAt() : t.firstFiring;
            t.lastFiring = a.startsAt();
            t.keys.add(String.valueOf(a.labels().get("key")));
        } else {
            t.resolved++;
        }
    }

    private void tally(Notification n) {
        NotificationTally t = notifications.computeIfAbsent(n.subscription(), s -> new NotificationTally());
        t.notifications++;
        if ("resolved".equals(n.payload().status())) {
            t.resolved++;
        } else {
            t.firing++;
        }
        String at = Instant.ofEpochMilli(n.time()).toString();
        t.first = t.first == null ? at : t.first;
        t.last = at;
    }

    private static void line(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.write('\n');
    }

    static ObjectNode deadLetter(byte[] key, byte[] value, long timestamp, Headers headers) {
        ObjectNode n = JsonSerde.MAPPER.createObjectNode();
        Map<String, byte[]> ours = new TreeMap<>();
        List<Header> others = new ArrayList<>();
        if (headers != null) {
            for (Header h : headers) {
                if (h.key().startsWith("entroflow.")) {
                    ours.put(h.key(), h.value());
                } else {
                    others.add(h);
                }
            }
        }
        n.put("reason", text(ours.get(DeadLetterHeaders.REASON)));
        n.put("field", text(ours.get(DeadLetterHeaders.FIELD)));
        n.put("detail", text(ours.get(DeadLetterHeaders.DETAIL)));
        n.put("source_topic", text(ours.get(DeadLetterHeaders.SOURCE_TOPIC)));
        n.put("source_partition", Integer.parseInt(text(ours.get(DeadLetterHeaders.SOURCE_PARTITION))));
        n.put("source_offset", Long.parseLong(text(ours.get(DeadLetterHeaders.SOURCE_OFFSET))));
        n.put("timestamp", timestamp);
        bytes(n, "key", key);
        bytes(n, "value", value);
        var hs = n.putArray("headers");
        for (Header h : others) {
            bytes(hs.addObject().put("key", h.key()), "value", h.value());
        }
        return n;
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    /** {@code name}: the bytes as UTF-8 text when they are valid UTF-8, else {@code name_base64}; null when absent. */
    private static void bytes(ObjectNode n, String name, byte[] b) {
        if (b == null) {
            n.putNull(name);
            return;
        }
        try {
            n.put(name, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString());
        } catch (CharacterCodingException e) {
            n.put(name + "_base64", Base64.getEncoder().encodeToString(b));
        }
    }

    long aggregates() {
        return aggregateCount;
    }

    long alertEvents() {
        return alertEventCount;
    }

    long deadLetters() {
        return deadLetterCount;
    }

    Map<String, Long> deadLettersByReason() {
        return deadLettersByReason;
    }

    Map<String, RuleTally> rules() {
        return rules;
    }

    long notificationCount() {
        return notifications.values().stream().mapToLong(t -> t.notifications).sum();
    }

    /** Per subscription id, in id order. */
    Map<String, NotificationTally> notifications() {
        return notifications;
    }

    @Override
    public void close() throws IOException {
        try (aggregates; alertEvents; deadLetters; notificationsOut) {
            for (AlertEventListener l : listeners) {
                l.close();
            }
        }
    }
}
