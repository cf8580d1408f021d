/**
 * {@code entroflow bench}: end-to-end throughput and latency of a monitor spec on a real broker,
 * side by side with plain Kafka Streams topologies in the same run. {@link io.entroflow.app.bench.StreamsBench}
 * produces the events once and runs each {@link io.entroflow.app.bench.Variant} from the same topic
 * with a fresh application id ({@link io.entroflow.app.bench.ThroughputRun}); then
 * {@link io.entroflow.app.bench.LatencyRun} offers events at a fixed rate and measures event-to-output
 * latency with HdrHistogram. The {@code bench/} module's broker benchmarks call the same classes.
 */
package io.entroflow.app.bench;
