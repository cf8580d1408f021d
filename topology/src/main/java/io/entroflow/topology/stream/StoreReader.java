package io.entroflow.topology.stream;

import io.entroflow.operators.window.Window;
import io.entroflow.topology.alert.AlertState;
import io.entroflow.topology.operator.OperatorResult;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedOperator;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Decodes the monitor's stores from outside the stream threads (interactive queries): the one place
 * that knows their layouts for readers, reusing the writers' own code ({@link KeyJournal#rebuild},
 * {@link Journal}, {@link StoreKeys}, the alerts store's JSON). Used by
 * {@link io.entroflow.topology.query.MonitorQueries}. Stateless; the stores are read-only views.
 */
public final class StoreReader {
    private static final String RULE_END = "\u0000";

    private StoreReader() {
    }

    /**
     * One operator's current state for one key.
     *
     * @param result     the value over the window as an aggregate would report it now (a time window
     *                   evaluated at the task's high-water mark, like an on-demand answer)
     * @param eventsSeen events of the key the operator has admitted in total
     * @param lastTick   the last interval the key has emitted (boundary / interval)
     * @param posterior  the posterior over hidden states (HMM operators), else null
     */
    public record OperatorState(OperatorResult result, long eventsSeen, long lastTick, double[] posterior) {
    }

    /**
     * The key's state in operator {@code op}'s store, or null when the key has none there.
     * O(window): the key's journal is replayed into a fresh operator.
     */
    public static OperatorState operatorState(PlannedOperator op, ReadOnlyKeyValueStore<String, byte[]> store,
                                              String key) {
        KeyState s = KeyJournal.rebuild(op, store, key);
        if (s.lastTick == KeyState.NONE) {
            return null;
        }
        OperatorResult r = s.operator.result();
        byte[] hw = store.get(Journal.HIGH_WATER_KEY);
        if (op.window() instanceof Window.Time t && hw != null) {
            long highWater = Journal.decodeLong(hw);
            long cutoff = highWater + 1 - t.spanMillis();
            OperatorResult w = KeyJournal.replay(op, store, key, cutoff, highWater + 1).result();
            r = new OperatorResult(w.value(), w.unit(), cutoff + 1, highWater, w.events(), w.pValue(), w.regime());
        }
        return new OperatorState(r, s.eventsSeen, s.lastTick, s.operator.posterior());
    }

    /** Hands every key with state in an operator's store to {@code keys}. One scan of the store. */
    public static void keys(ReadOnlyKeyValueStore<String, byte[]> store, Consumer<String> keys) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                String k = it.next().key;
                if (Journal.isMetaKey(k)) {
                    keys.accept(Journal.keyOfMeta(k));
                }
            }
        }
    }

    /** The state of {@code rule} for {@code key} in the alerts store, or null when it has none. */
    public static AlertState alertState(ReadOnlyKeyValueStore<String, byte[]> alerts, String rule, String key) {
        byte[] bytes = alerts.get(rule + RULE_END + StoreKeys.of(key));
        return bytes == null ? null : RulesProcessor.read(bytes);
    }

    /** Hands every (rule, key, state) of the alerts store to {@code states}: (rule, key) then state. One scan. */
    public static void alertStates(ReadOnlyKeyValueStore<String, byte[]> alerts,
                                   BiConsumer<String[], AlertState> states) {
        try (KeyValueIterator<String, byte[]> it = alerts.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                int end = kv.key.indexOf(RULE_END);
                if (end > 0) {
                    states.accept(new String[] {kv.key.substring(0, end), StoreKeys.keyOf(kv.key.substring(end + 1))},
                            RulesProcessor.read(kv.value));
                }
            }
        }
    }

    /**
     * The record-key bytes the stores' input topic is partitioned by for event key {@code key}: the
     * input record key itself, or with {@code input.key.from-field} the re-key topic's UTF-8 key. For
     * {@code KafkaStreams.queryMetadataForKey}.
     */
    public static byte[] partitionKey(MonitorPlan plan, String key) {
        return plan.spec().input().key().fromField() ? new StringSerializer().serialize(null, key) : StoreKeys.bytes(key);
    }
}
