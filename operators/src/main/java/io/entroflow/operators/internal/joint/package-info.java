/**
 * Building blocks of the multi-variable measures: {@link io.entroflow.operators.internal.joint.JointCodeLayout}
 * packs the symbols (and symbol histories) of one event into one {@code long},
 * {@link io.entroflow.operators.internal.joint.LaggedHistory} keeps a variable's delayed history code in
 * O(1) per event, and {@link io.entroflow.operators.internal.joint.JointTables} keeps one exact histogram
 * per marginal/joint table so that any signed sum of their entropies (mutual information,
 * conditional entropy, transfer entropy ...) is evaluated in O(1). Not API: no class outside the
 * operators module may use it.
 */
package io.entroflow.operators.internal.joint;
