package io.entroflow.app.backtest;

import io.entroflow.schemas.wire.AlertRecord;

/**
 * Receives every alert event (transition) of a backtest, in the order the rules emitted them, after
 * it is written to {@code alert-events.jsonl}: for consumers outside the monitor's topology (the
 * alert router is part of the topology and runs in the backtest as live: {@link RoutingFiles}).
 */
public interface AlertEventListener extends AutoCloseable {
    /** One transition; {@code timestamp} is its record timestamp (the aggregate's event time). */
    void alertEvent(AlertRecord alert, long timestamp);

    /** The backtest is over: flush and close. */
    @Override
    void close();
}
