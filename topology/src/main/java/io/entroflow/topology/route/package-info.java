/**
 * Alert routing, Alertmanager-compatible: {@link io.entroflow.topology.route.LabelMatchers} (the
 * matcher syntax and its evaluation), {@link io.entroflow.topology.route.AlertLabels} (the labels
 * of an entroflow alert and their fingerprint). Plain Java, usable outside Kafka Streams (CLI,
 * delivery, backtest).
 */
package io.entroflow.topology.route;
