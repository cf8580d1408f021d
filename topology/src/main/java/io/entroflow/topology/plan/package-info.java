/**
 * A validated spec resolved for running: {@link io.entroflow.topology.plan.MonitorPlan} (signals with
 * their symbolisers, operators with their factories, rules), built by
 * {@link io.entroflow.topology.plan.MonitorPlanner}, which adds the semantic checks the JSON Schema cannot
 * express (references, operator parameters) and reports every error by path.
 */
package io.entroflow.topology.plan;
