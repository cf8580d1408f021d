package io.entroflow.topology.stream;

/** What an operator processor receives: an event's resolved signals, or a request for its aggregates now. */
sealed interface OperatorInput permits SignalEvent, AggregateRequest {
}
