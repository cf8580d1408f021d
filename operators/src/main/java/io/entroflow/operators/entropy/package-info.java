/**
 * The entropy family over windows of a categorical signal: Shannon (plug-in and Miller-Madow),
 * R&eacute;nyi, Tsallis, Gini-Simpson, normalised entropy
 * ({@link io.entroflow.operators.entropy.EntropyOperator}), and drift against a reference
 * distribution ({@link io.entroflow.operators.entropy.DivergenceOperator}).
 */
package io.entroflow.operators.entropy;
