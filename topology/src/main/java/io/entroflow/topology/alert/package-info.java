/**
 * The alert engine: {@link io.entroflow.topology.alert.AlertRule} (compiled spec rules),
 * {@link io.entroflow.topology.alert.AlertEvaluator} (the per rule-and-key state machine: conditions with
 * enter/exit hysteresis, {@code for} and {@code keep-firing-for} in event time, significance, regime change,
 * baseline drift, conformal p-values (optionally under a task's online FDR rule), change-point detectors per rule and
 * key, absence on the wall clock), {@link io.entroflow.topology.alert.AlertState} (its persisted state),
 * {@link io.entroflow.topology.alert.WarmUp} (how many events a window needs before rules use it),
 * {@link io.entroflow.topology.alert.RuleTimer} (the deadlines at which a quiet key's repeated aggregate changes a
 * rule's phase, and the repeat itself: rules on on-change aggregates give every-interval's transitions),
 * {@link io.entroflow.topology.alert.Stride} (which aggregates conformal calibrators and change-point detectors
 * see: non-overlapping windows by default) and
 * {@link io.entroflow.topology.alert.Fingerprints}. Plain Java, no Kafka: the rules processor stores the
 * state in a changelogged store, so each FIRING and RESOLVED transition is emitted exactly once.
 */
package io.entroflow.topology.alert;
