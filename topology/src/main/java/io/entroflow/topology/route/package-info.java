/**
 * Alert routing, Alertmanager-compatible: {@link io.entroflow.topology.route.LabelMatchers} (the
 * matcher syntax and its evaluation), {@link io.entroflow.topology.route.AlertLabels} (the labels
 * of an entroflow alert and their fingerprint), {@link io.entroflow.topology.route.Route} and
 * {@link io.entroflow.topology.route.Mute} (validated subscriptions and silences). Plain Java, usable outside Kafka Streams (CLI,
 * delivery, backtest).
 */
package io.entroflow.topology.route;
