/**
 * A validated spec resolved for running: {@link io.entroflow.topology.plan.MonitorPlan} (signals with
 * their symbolisers, operators with their factories, rules), built by
 * {@link io.entroflow.topology.plan.MonitorPlanner}, which adds the semantic checks the JSON Schema cannot
 * express (references, operator parameters) and reports every error by path. The planner orchestrates
 * one small planner per section (signals, operators with their windows, rules); each reports its
 * problems as a {@link io.entroflow.schemas.spec.SpecPath} and a reason to one error list.
 */
package io.entroflow.topology.plan;
