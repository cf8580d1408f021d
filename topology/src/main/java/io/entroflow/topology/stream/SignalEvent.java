package io.entroflow.topology.stream;

/**
 * An accepted event with its signals resolved, passed from the signals processor to the operator
 * processors (in-process, never serialised).
 *
 * @param key       event key
 * @param time      event time
 * @param values    per signal: symbol id, or raw double bits
 * @param present   bit i set when signal i has a value for this event (ordinal patterns and
 *                  inter-arrival need history first)
 * @param topic     input topic
 * @param partition input partition
 * @param offset    input offset
 * @param overflowed bit i set when signal i's category was past its {@code max-categories} (overflow symbol)
 */
record SignalEvent(String key, long time, long[] values, long present, String topic, int partition, long offset,
                   long overflowed) implements OperatorInput {
    /** An event without overflowed categories. */
    SignalEvent(String key, long time, long[] values, long present, String topic, int partition, long offset) {
        this(key, time, values, present, topic, partition, offset, 0);
    }

    boolean has(int signal) {
        return (present & (1L << signal)) != 0;
    }
}
