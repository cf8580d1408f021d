package io.entroflow.operators.hmm;

/**
 * When a change of the most probable state counts as a regime change: the new state must be the
 * most probable one with posterior &ge; {@code threshold} on every event for at least
 * {@code dwellEvents} consecutive events and for at least {@code dwellMillis} of event time
 * (from its first such event to the confirming one). A noisy posterior that flips back earlier
 * does not flap the regime.
 *
 * @param threshold   minimum posterior of the new state, in (0, 1]
 * @param dwellEvents consecutive events, &ge; 1
 * @param dwellMillis event-time span in ms, &ge; 0
 */
public record RegimeChangeRule(double threshold, int dwellEvents, long dwellMillis) {
    /** Threshold 0.5, no dwell: every change of a clear majority state counts. */
    public static final RegimeChangeRule IMMEDIATE = new RegimeChangeRule(0.5, 1, 0);

    public RegimeChangeRule {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold: expected a probability in (0, 1], got " + threshold);
        }
        if (dwellEvents < 1) {
            throw new IllegalArgumentException("dwellEvents: expected >= 1, got " + dwellEvents);
        }
        if (dwellMillis < 0) {
            throw new IllegalArgumentException("dwellMillis: expected >= 0, got " + dwellMillis);
        }
    }
}
