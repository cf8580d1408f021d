package io.entroflow.topology.stream;

import io.entroflow.operators.conformal.FdrDecision;
import io.entroflow.operators.conformal.OnlineFdr;
import io.entroflow.topology.alert.AlertRule;
import io.entroflow.topology.alert.AlertState;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's online FDR tests of its conformal rules with {@code fdr}, kept in the alerts store beside
 * the alert states: per rule the task's FDR rule (key {@link #PREFIX} + rule: its checkpoint) and
 * its tests not decided yet (key {@link #PREFIX} + rule NUL time NUL state key: the p-value, 8
 * bytes). Tests are decided in the order of their store keys, i.e. by aggregate time and then key,
 * once an aggregate of a later time arrives: the decisions do not depend on how the task interleaves
 * the keys' aggregates of one interval (which can differ after a restart).
 *
 * <p>Cost: O(1) per aggregate when no test is due (the oldest pending time is cached, read from the
 * store after a start); O(k (R + log n)) for k due tests. Confined to the rules processor's thread.
 */
final class FdrTests {
    /** Store-key prefix of a rule's per-task online FDR state (no rule name starts with NUL). */
    static final String PREFIX = "\u0000fdr\u0000";

    /** Per fdr rule, the time of its oldest pending test (Long.MAX_VALUE: none); from the store after a start. */
    private final Map<String, Long> oldestPending = new HashMap<>();
    private final AlertStates states;
    private KeyValueStore<String, byte[]> store;

    /** @param states the alert states of the same store, through which a decision changes a key's state */
    FdrTests(AlertStates states) {
        this.states = states;
    }

    /** Attaches the task's alerts store (a task (re)start): the cached times are read again from it. */
    void init(KeyValueStore<String, byte[]> store) {
        this.store = store;
        oldestPending.clear();
    }

    /** Keeps the test of {@code rule} for the key of {@code stateKey}: p-value {@code p} of the aggregate at {@code time}. */
    void add(AlertRule rule, long time, String stateKey, double p) {
        store.put(pendingKey(rule, time, stateKey), ByteBuffer.allocate(8).putLong(Double.doubleToRawLongBits(p)).array());
        oldestPending.merge(rule.name(), time, Math::min);
    }

    /**
     * Decides the task's pending tests of the rule with an aggregate time before {@code time}, in store
     * key order (time, then key), with the task's FDR rule, and records each decision in its key's
     * state (active from a rejection to the key's next decision).
     */
    void decide(AlertRule rule, long time) {
        Long oldest = oldestPending.computeIfAbsent(rule.name(), r -> oldestInStore(rule));
        if (oldest >= time) {
            return;
        }
        AlertRule.Fdr params = ((AlertRule.Conformal) rule.condition()).fdr();
        OnlineFdr fdr = params.newRule();
        byte[] checkpoint = store.get(PREFIX + rule.name());
        if (checkpoint != null) {
            try {
                fdr.restore(checkpoint);
            } catch (IllegalArgumentException e) {
                fdr = params.newRule(); // q, decay or eta edited since: the task's FDR rule starts afresh (documented)
            }
        }
        String prefix = prefix(rule);
        List<KeyValue<String, byte[]>> due = new ArrayList<>();
        long next = Long.MAX_VALUE;
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> e = it.next();
                long t = timeOf(e.key, prefix);
                if (t >= time) {
                    next = t;
                    break;
                }
                due.add(e);
            }
        }
        for (KeyValue<String, byte[]> e : due) {
            FdrDecision d = fdr.test(Double.longBitsToDouble(ByteBuffer.wrap(e.value).getLong()));
            store.delete(e.key);
            String stateKey = e.key.substring(prefix.length() + 17);
            AlertState state = states.getIfPresent(stateKey);
            if (state == null) {
                continue; // the key expired meanwhile
            }
            state.fdrRejected = d.rejected() ? Boolean.TRUE : null;
            state.fdrLevel = d.level();
            states.put(stateKey, state);
        }
        store.put(PREFIX + rule.name(), fdr.checkpoint());
        oldestPending.put(rule.name(), next);
    }

    /** Whether {@code key} of the alerts store is FDR state (else an alert state). */
    static boolean isFdrKey(String key) {
        return key.startsWith(PREFIX);
    }

    /** The rule an FDR store key belongs to. */
    static String ruleOf(String fdrKey) {
        String rest = fdrKey.substring(PREFIX.length());
        int end = rest.indexOf('\u0000');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private long oldestInStore(AlertRule rule) {
        String prefix = prefix(rule);
        try (KeyValueIterator<String, byte[]> it = store.prefixScan(prefix, new StringSerializer())) {
            return it.hasNext() ? timeOf(it.next().key, prefix) : Long.MAX_VALUE;
        }
    }

    private static String prefix(AlertRule rule) {
        return PREFIX + rule.name() + "\u0000";
    }

    /** Store key of a pending test: prefix, rule, NUL, time (16 hex digits, sign flipped: sorts as signed), NUL, state key. */
    private static String pendingKey(AlertRule rule, long time, String stateKey) {
        return prefix(rule) + String.format("%016x", time ^ Long.MIN_VALUE) + "\u0000" + stateKey;
    }

    private static long timeOf(String pendingKey, String prefix) {
        return Long.parseUnsignedLong(pendingKey.substring(prefix.length(), prefix.length() + 16), 16) ^ Long.MIN_VALUE;
    }
}
