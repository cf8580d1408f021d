package io.entroflow.operators.hmm;

/**
 * A confirmed change of regime (see {@link RegimeChangeRule}).
 *
 * @param from        the previous regime's state
 * @param to          the new regime's state
 * @param startIndex  index (0-based event count) of the first event of the new regime's dwell
 * @param startTime   event time of that event (ms)
 * @param confirmedIndex index of the event that completed the dwell
 * @param confirmedTime  event time of that event (ms)
 */
public record RegimeChange(int from, int to, long startIndex, long startTime, long confirmedIndex, long confirmedTime) {
}
