/**
 * The Kafka Streams topology (Processor API) of one monitor:
 * <pre>
 * source -&gt; parse --bad--&gt; dead-letter
 *             |--(key from a field)--&gt; rekey topic -&gt; rekey source --+
 *             +--------------------------------------------------------+-&gt; signals --late/out of range--&gt; dead-letter
 *                                                                            |-&gt; one processor per operator -&gt; aggregates (no rules)
 *                                                                                       +-&gt; rules -&gt; aggregates (with detections), alert-events, alert-state
 * </pre>
 * Every node, store and internal topic is named by {@link io.entroflow.topology.stream.TopologyNames}.
 * State: per-key signal state, one chunked journal of window contents per operator (rebuilt into
 * operator objects on first access), per rule-and-key alert state and per rule-and-task online FDR
 * state; all changelogged, each behind a
 * write-back cache flushed at commit ({@link io.entroflow.topology.stream.WriteBackStore}). The re-key topic
 * carries binary records ({@link io.entroflow.topology.stream.RekeyedEventSerde}).
 */
package io.entroflow.topology.stream;
