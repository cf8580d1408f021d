/**
 * The measure catalogue: one table of the measures the monitor and {@code entroflow analyze} offer
 * ({@link io.entroflow.topology.measure.MeasureCatalogue}), their parameters
 * ({@link io.entroflow.topology.measure.Param}) and the one validation of parameter values, whose
 * errors ({@link io.entroflow.topology.measure.InvalidParamException}) each surface renders with its own
 * prefix ({@code operators[0].params.alpha} or {@code --alpha}).
 */
package io.entroflow.topology.measure;
