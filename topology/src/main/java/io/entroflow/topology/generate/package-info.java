/**
 * {@code entroflow generate}: the registry of reference signals ({@link io.entroflow.topology.generate.SignalKinds})
 * and their {@code key=value} parameters ({@link io.entroflow.topology.generate.SignalParams}).
 */
package io.entroflow.topology.generate;
