/**
 * Reading a running monitor's state from outside its stream threads, over Kafka Streams' interactive
 * queries: keys, each operator's current value, alert states, and which instance owns a key
 * ({@link io.entroflow.topology.query.MonitorQueries}). The store layouts are decoded in one place,
 * {@link io.entroflow.topology.stream.StoreReader}.
 */
package io.entroflow.topology.query;
