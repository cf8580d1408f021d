package io.entroflow.topology.stream;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * A task's rule timers: the index of deadlines ({@link io.entroflow.topology.alert.RuleTimer}) in its
 * alerts store, beside the alert states, changelogged with them, so a restart continues exactly.
 *
 * <p><b>Index.</b> One entry per rule and key with a deadline, in {@link Journal#dueKey}'s form
 * (deadline, then the state key), so one range scan returns the timers due up to a time; an entry
 * exists exactly while its state's {@code deadline} is set and is deleted with the state (a key's
 * expiry, a rule gone from the spec). Its size is bounded by the rule-key pairs with a deadline.
 *
 * <p><b>When a deadline may fire.</b> A repeat at boundary b stands for the key's every-interval
 * aggregate at b, so it may be evaluated only once the operator has emitted every aggregate of the
 * key up to b (else an aggregate of the key at or before b, with a changed value, may still come):
 * up to the operator's {@link CatchUpProgress} (its last catch-up that left no due key behind),
 * {@link #limit}. A key's own aggregate at t also fires its deadlines before t. Waiting changes no
 * output, only when it is written.
 *
 * <p>Cost: O(1) store work per schedule change; one range scan per punctuation. Confined to the
 * rules processor's thread.
 */
final class RuleTimers {
    private static final byte[] ENTRY = new byte[0];
    private final CatchUpProgress progress;
    private KeyValueStore<String, byte[]> store;
    private String task;

    /** @param progress where the task's operators publish how far their aggregates are complete */
    RuleTimers(CatchUpProgress progress) {
        this.progress = progress;
    }

    /** Attaches the task's alerts store (a task (re)start). */
    void init(KeyValueStore<String, byte[]> store, String task) {
        this.store = store;
        this.task = task;
    }

    /** The operator's aggregates are complete up to this time: its deadlines up to it may fire ({@code Long.MIN_VALUE}: none). */
    long limit(String operator) {
        return progress.completeUpTo(task, operator);
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

    /** Whether {@code key} of the alerts store is an index entry, not a state. */
    static boolean isTimerKey(String key) {
        return key.startsWith(Journal.firstDueKey());
    }
}
