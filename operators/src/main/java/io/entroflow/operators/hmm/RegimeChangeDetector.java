package io.entroflow.operators.hmm;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import java.util.Objects;

/**
 * Turns the per-event most probable state into confirmed regimes with a {@link RegimeChangeRule}.
 * The first regime is established by the same rule and is not counted as a change. O(1) per
 * event, allocates only when a change is confirmed. Single-threaded.
 */
public final class RegimeChangeDetector {
    private final RegimeChangeRule rule;
    private int regime = -1;
    private int candidate = -1;
    private long candidateIndex;
    private long candidateTime;
    private int candidateEvents;
    private long changes;

    public RegimeChangeDetector(RegimeChangeRule rule) {
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Observes the event {@code index} at {@code timeMillis} whose most probable state is
     * {@code state} with posterior {@code probability}; returns the confirmed change or null.
     */
    public RegimeChange observe(long index, long timeMillis, int state, double probability) {
        if (probability < rule.threshold() || state == regime) {
            candidate = -1;
            return null;
        }
        if (state != candidate) {
            candidate = state;
            candidateIndex = index;
            candidateTime = timeMillis;
            candidateEvents = 0;
        }
        candidateEvents++;
        if (candidateEvents < rule.dwellEvents() || timeMillis - candidateTime < rule.dwellMillis()) {
            return null;
        }
        int from = regime;
        regime = state;
        candidate = -1;
        if (from < 0) {
            return null; // the first regime
        }
        changes++;
        return new RegimeChange(from, state, candidateIndex, candidateTime, index, timeMillis);
    }

    /** Back to the state of a new detector (no regime, no candidate, no change). O(1). */
    void reset() {
        regime = -1;
        candidate = -1;
        candidateIndex = 0;
        candidateTime = 0;
        candidateEvents = 0;
        changes = 0;
    }

    /** Writes the regime, the candidate and its dwell, and the change count. O(1). */
    void writeState(StateWriter out) {
        out.putInt(regime).putInt(candidate).putLong(candidateIndex).putLong(candidateTime).putInt(candidateEvents)
                .putLong(changes);
    }

    /** Replaces the state with one written by {@link #writeState} (same rule). */
    void readState(StateReader in) {
        regime = in.getInt();
        candidate = in.getInt();
        candidateIndex = in.getLong();
        candidateTime = in.getLong();
        candidateEvents = in.getInt();
        changes = in.getLong();
    }

    /** The current regime's state, &minus;1 before the first is established. */
    public int regime() {
        return regime;
    }

    /** Confirmed changes so far (the first regime not counted). */
    public long changes() {
        return changes;
    }

    /** The rule. */
    public RegimeChangeRule rule() {
        return rule;
    }
}
