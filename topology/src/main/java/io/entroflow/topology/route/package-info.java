/**
 * Alert routing, Alertmanager-compatible. Plain-Java API, usable outside Kafka Streams (CLI,
 * delivery, backtest): {@link io.entroflow.topology.route.LabelMatchers} (the matcher syntax and its
 * evaluation), {@link io.entroflow.topology.route.AlertLabels} (the labels of an entroflow alert and
 * their fingerprint), {@link io.entroflow.topology.route.Route} and
 * {@link io.entroflow.topology.route.Mute} (validated subscriptions and silences),
 * {@link io.entroflow.topology.route.Inhibition} (inhibition rules) and
 * {@link io.entroflow.topology.route.RoutingPlan} (the spec's {@code routing} section, planned).
 *
 * <p>In the topology: {@link io.entroflow.topology.route.RoutingTopology} adds a feed after the
 * monitor's operators and rules and a one-task router sub-topology (the event-time engine
 * {@code Router}: grouping, group_wait / group_interval / repeat_interval, silences, inhibition, the
 * notification log) writing the notifications topic and the payloads of {@code {topic: T}}
 * subscriptions in the monitor's transactions. See docs/alerts.md, "Subscriptions and routing".
 */
package io.entroflow.topology.route;
