/**
 * Runs a monitor's processor graph ({@link io.entroflow.topology.stream.ProcessorGraph}) in-process,
 * without a broker, as fast as one thread allows: the backtest's engine. The same processors, in the
 * same tasks (one per subtopology and partition), with the same forwarding, stream-time punctuation,
 * processing-exception handling and internal (re-key) topics as Kafka Streams, but with in-memory
 * stores, no changelogs, no commits and no wall clock. Deterministic: the same input gives the same
 * output records in the same order.
 */
package io.entroflow.topology.offline;
