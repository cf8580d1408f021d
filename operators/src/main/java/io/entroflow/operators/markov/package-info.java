/**
 * How much a signal's own past tells about its next symbol: entropy rate and active information
 * storage with history k ({@link io.entroflow.operators.markov.HistoryInformationOperator}), and
 * statistics of the Markov chain estimated from transition counts
 * ({@link io.entroflow.operators.markov.MarkovChainEstimate}: stationary distribution, entropy
 * rate, entropy production), with windowed counts kept by
 * {@link io.entroflow.operators.markov.MarkovTransitionOperator} (local value &minus;ln p&#x302;(j | i)
 * per transition, {@link io.entroflow.operators.markov.MarkovTransitionSnapshot}).
 */
package io.entroflow.operators.markov;
