package io.entroflow.app.http;

import io.entroflow.schemas.wire.AggregateRecord;
import io.entroflow.schemas.wire.AlertRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent outputs of a monitor per key, in memory, for the history endpoint and the dashboard:
 * per key and operator the last {@code perOperator} interval aggregates, per key the last
 * {@code perOperator} alert transitions; at most {@code maxKeys} keys, the key updated least
 * recently forgotten first. Fed by the {@link OutputFeed} (the aggregates and alert-events topics,
 * so every instance holds every key's history, whichever instance computed it); a restarted
 * server refills from the topics' recent records.
 *
 * <p>Memory: at most maxKeys &times; (operators + 1) &times; perOperator records (about 300 bytes
 * each). Thread-safe (one lock; the feed thread writes, request threads copy out).
 */
public final class AggregateHistory {
    private final int maxKeys;
    private final int perOperator;
    private final LinkedHashMap<String, KeyHistory> keys = new LinkedHashMap<>(16, 0.75f, true);

    private static final class KeyHistory {
        final Map<String, ArrayDeque<AggregateRecord>> aggregates = new HashMap<>();
        final ArrayDeque<AlertRecord> alerts = new ArrayDeque<>();
    }

    /**
     * @param maxKeys     keys kept, 1 .. 10<sup>6</sup>
     * @param perOperator records kept per key and operator (and alert transitions per key), 1 .. 10<sup>5</sup>
     */
    public AggregateHistory(int maxKeys, int perOperator) {
        if (maxKeys < 1 || maxKeys > 1_000_000) {
            throw new IllegalArgumentException("maxKeys: must be between 1 and 1000000, got " + maxKeys);
        }
        if (perOperator < 1 || perOperator > 100_000) {
            throw new IllegalArgumentException("perOperator: must be between 1 and 100000, got " + perOperator);
        }
        this.maxKeys = maxKeys;
        this.perOperator = perOperator;
    }

    /** Adds an aggregate; answers to requests are left out (views at arbitrary times, not a series). */
    public synchronized void add(AggregateRecord a) {
        if (AggregateRecord.REQUEST.equals(a.trigger())) {
            return;
        }
        ArrayDeque<AggregateRecord> ring = history(a.key()).aggregates.computeIfAbsent(a.operator(), o -> new ArrayDeque<>());
        ring.addLast(a);
        if (ring.size() > perOperator) {
            ring.pollFirst();
        }
    }

    /** Adds an alert transition of key {@code labels.key}. */
    public synchronized void add(AlertRecord a) {
        String key = a.labels().get("key");
        if (key == null) {
            return;
        }
        ArrayDeque<AlertRecord> ring = history(key).alerts;
        ring.addLast(a);
        if (ring.size() > perOperator) {
            ring.pollFirst();
        }
    }

    private KeyHistory history(String key) {
        KeyHistory h = keys.computeIfAbsent(key, k -> new KeyHistory());
        if (keys.size() > maxKeys) {
            Iterator<String> oldest = keys.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return h;
    }

    /** The key's recent aggregates of {@code operator} (all operators when null), oldest first by operator. */
    public synchronized List<AggregateRecord> aggregates(String key, String operator) {
        KeyHistory h = keys.get(key);
        List<AggregateRecord> out = new ArrayList<>();
        if (h != null) {
            h.aggregates.forEach((op, ring) -> {
                if (operator == null || operator.equals(op)) {
                    out.addAll(ring);
                }
            });
        }
        return out;
    }

    /** The key's recent alert transitions, oldest first. */
    public synchronized List<AlertRecord> alerts(String key) {
        KeyHistory h = keys.get(key);
        return h == null ? List.of() : new ArrayList<>(h.alerts);
    }
}
