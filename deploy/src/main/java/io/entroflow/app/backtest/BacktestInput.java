package io.entroflow.app.backtest;

import io.entroflow.topology.offline.OfflineRecord;

/**
 * The records a backtest reads, in the order it processes them. Errors are one line naming the
 * source and the position ({@link BadInputException}).
 */
public interface BacktestInput extends AutoCloseable {
    /** The next record, or null at the end. @throws BadInputException when the input cannot be read there */
    OfflineRecord next();

    /** Where the last record returned came from, for error messages: {@code --queue: 'DIR' document N}. */
    String position();

    /** Partitions of the spec's first input topic (the live monitor's re-key topic has as many), &ge; 1. */
    int partitions();

    /** What was read, for the summary: {@code queue DIR} or {@code jsonl FILE}. */
    String describe();

    @Override
    void close();
}
