/**
 * Running a monitor: {@link io.entroflow.topology.runtime.MonitorRuntime} (Kafka Streams with
 * exactly_once_v2, a thread-replacing uncaught exception handler, graceful close),
 * {@link io.entroflow.topology.runtime.EmbeddedKafka} (a single-node KRaft broker on 127.0.0.1 for
 * users without a cluster) and {@link io.entroflow.topology.runtime.Topics} (creating the monitor's topics).
 */
package io.entroflow.topology.runtime;
