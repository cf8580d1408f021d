package io.entroflow.operators.entropy;

/**
 * An immutable, consistent view of an entropy operator's window, safe to hand to any thread.
 *
 * @param measure      the measure's wire name, e.g. {@code entropy}
 * @param value        the measure's value over the window
 * @param unit         {@code bits} or {@code nats}; {@code nats} for Tsallis and Gini-Simpson, empty for
 *                     normalised entropy (a ratio)
 * @param events       events in the window (all events seen, for decay and cumulative windows)
 * @param totalWeight  total weight W of the window (= events, except for decay windows)
 * @param support      distinct symbols with positive weight
 * @param windowStart  event time of the window's lower bound (ms), {@link Long#MIN_VALUE} when empty
 * @param windowEnd    stream time (ms), {@link Long#MIN_VALUE} when empty
 * @param eventsSeen   events accepted since the operator was created
 */
public record EntropySnapshot(String measure, double value, String unit, long events, double totalWeight,
                              int support, long windowStart, long windowEnd, long eventsSeen) {
}
