package io.entroflow.topology.stream;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's rule timers in its alerts store, beside the alert states: the index of deadlines
 * ({@link io.entroflow.topology.alert.RuleTimer}) and, per operator, how far its aggregates are
 * known to be complete. Changelogged with the states, so a restart continues exactly.
 *
 * <p><b>Index.</b> One entry per rule and key with a deadline, in {@link Journal#dueKey}'s form
 * (deadline, then the state key), so one range scan returns the timers due up to a time; an entry
 * exists exactly while its state's {@code deadline} is set and is deleted with the state (a key's
 * expiry, a rule gone from the spec). Its size is bounded by the keys with a pending timer.
 *
 * <p><b>When a deadline may fire.</b> A repeat at boundary b stands for the key's every-interval
 * aggregate at b, so it may be evaluated only once the operator has emitted every aggregate of the
 * key up to b (else an aggregate of the key at or before b, with a changed value, may still come).
 * The operator's stream-time punctuator emits, for every key, every aggregate up to its event-time
 * high-water mark h, and an aggregate at time t is only emitted once h &ge; t. So the largest
 * aggregate time of the operator seen by the rules processor when its own punctuator runs (the
 * operator's and the rules' punctuators run at the same interval, aligned to 0, in the same rounds)
 * is complete after that round: {@link #advance} records it, and the next round fires deadlines up to
 * it ({@link #limit}). A key's own aggregate at t also fires its deadlines before t. The delay
 * changes no output, only when it is written: at most two punctuation intervals after the boundary.
 *
 * <p>Cost: O(1) store work per schedule change; one range scan per punctuation. Confined to the
 * rules processor's thread.
 */
final class RuleTimers {
    /** Store-key prefix of an operator's complete-up-to time (no rule name or FDR key starts so). */
    static final String WATERMARK_PREFIX = "\u0000w";
    private static final byte[] ENTRY = new byte[0];
    /** Per operator: the largest interval (or expiry) aggregate time seen since the start. */
    private final Map<String, Long> seen = new HashMap<>();
    /** Per operator: aggregates complete up to this time (from the store after a start). */
    private final Map<String, Long> complete = new HashMap<>();
    private KeyValueStore<String, byte[]> store;

    /** Attaches the task's alerts store (a task (re)start). */
    void init(KeyValueStore<String, byte[]> store) {
        this.store = store;
        seen.clear();
        complete.clear();
    }

    /** An interval or expiry aggregate of {@code operator} at {@code time} arrived. */
    void observe(String operator, long time) {
        seen.merge(operator, time, Math::max);
    }

    /** The operator's aggregates are complete up to this time: its deadlines up to it may fire ({@code Long.MIN_VALUE}: none). */
    long limit(String operator) {
        return complete.computeIfAbsent(operator, op -> {
            byte[] b = store.get(WATERMARK_PREFIX + op);
            return b == null ? Long.MIN_VALUE : Journal.decodeLong(b);
        });
    }

    /** At the end of a punctuation: what was seen up to now is complete after this round. */
    void advance() {
        seen.forEach((op, time) -> {
            if (time > limit(op)) {
                complete.put(op, time);
                store.put(WATERMARK_PREFIX + op, Journal.encodeLong(time));
            }
        });
    }

    /** Moves the index entry of {@code stateKey} from deadline {@code from} to {@code to} (null: none). */
    void move(String stateKey, Long from, Long to) {
        if (from != null && from.equals(to)) {
            return;
        }
        if (from != null) {
            store.delete(Journal.dueKey(from, stateKey));
        }
        if (to != null) {
            store.put(Journal.dueKey(to, stateKey), ENTRY);
        }
    }

    /** The index entry of {@code stateKey} at {@code deadline}. */
    static String entry(long deadline, String stateKey) {
        return Journal.dueKey(deadline, stateKey);
    }

    /** The index entries with a deadline &le; {@code time}, by deadline, then state key. One range scan. */
    List<String> due(long time) {
        List<String> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.range(Journal.firstDueKey(), Journal.lastDueKey(time))) {
            it.forEachRemaining(kv -> entries.add(kv.key));
        }
        return entries;
    }

    /** The state key of an index entry. */
    static String stateKeyOf(String entry) {
        return Journal.keyOfDue(entry);
    }

    /** Whether {@code key} of the alerts store is timer bookkeeping (an index entry or a watermark), not a state. */
    static boolean isTimerKey(String key) {
        return key.startsWith(Journal.firstDueKey()) || key.startsWith(WATERMARK_PREFIX);
    }
}
