/**
 * Running a monitor: {@link io.entroflow.topology.runtime.MonitorRuntime} (Kafka Streams with
 * exactly_once_v2, a thread-replacing uncaught exception handler, graceful close) and
 * {@link io.entroflow.topology.runtime.Topics} (creating the monitor's topics). Which cluster to
 * talk to is the application's business (the app module's {@code broker} package).
 */
package io.entroflow.topology.runtime;
