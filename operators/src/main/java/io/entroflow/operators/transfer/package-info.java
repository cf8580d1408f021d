/**
 * Information shared and transferred between aligned symbol streams: joint and conditional
 * entropy, (conditional) mutual information, normalised MI, entropic and Rajski distance
 * ({@link io.entroflow.operators.transfer.MutualInformationOperator}) and (conditional) transfer
 * entropy with its local values ({@link io.entroflow.operators.transfer.TransferEntropyOperator}).
 * All are O(1) per event over every window kind, with analytic p-values in their snapshots.
 * A batch of samples ({@link io.entroflow.operators.transfer.JointSamples}, from the operators'
 * {@code samples} methods) feeds the surrogate tests of {@code significance} and
 * {@link io.entroflow.operators.transfer.BatchConditionalMutualInformation}, the from-scratch
 * recomputation.
 */
package io.entroflow.operators.transfer;
