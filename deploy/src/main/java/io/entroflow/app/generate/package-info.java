/**
 * {@code entroflow generate}: the registry of reference signals ({@link io.entroflow.app.generate.SignalKinds})
 * and their {@code key=value} parameters ({@link io.entroflow.app.generate.SignalParams}).
 */
package io.entroflow.app.generate;
