/**
 * entroflow operators: incremental information-theoretic estimators over event windows.
 *
 * <p>Plain Java with no framework dependency (no Kafka, Jackson, YAML or picocli types). The
 * public API, by concept:
 * <ul>
 *   <li>{@code io.entroflow.operators}: {@link io.entroflow.operators.InformationUnit} and
 *       {@link io.entroflow.operators.RejectedEventException}, shared by every package;</li>
 *   <li>{@code window}: which events count, with what weight ({@link io.entroflow.operators.window.Window});</li>
 *   <li>{@code entropy}: the entropy family and divergences from a reference;</li>
 *   <li>{@code transfer}: mutual information and (conditional) transfer entropy, their batch
 *       samples for significance tests;</li>
 *   <li>{@code markov}: entropy rate, active information storage, Markov-chain statistics;</li>
 *   <li>{@code ordinal}: permutation entropy, statistical complexity and the complexity-entropy plane;</li>
 *   <li>{@code hmm}: hidden Markov model filter, offline and online learning, regime changes;</li>
 *   <li>{@code significance}: analytic and surrogate p-values;</li>
 *   <li>{@code conformal}: conformal p-values of a value among a key's own calibration values, and
 *       online false-discovery-rate control (LORD++, SAFFRON) over a stream of tests;</li>
 *   <li>{@code detect}: change-point detectors on a stream of values (CUSUM, Page-Hinkley,
 *       Shiryaev-Roberts, Bayesian online change-point detection);</li>
 *   <li>{@code symbol}: values to symbols (symbol tables, bins, ordinal patterns);</li>
 *   <li>{@code signal}: seeded reference signal generators;</li>
 *   <li>{@code state}: exact checkpoints of operators that cannot be rebuilt from recent events
 *       ({@link io.entroflow.operators.state.Checkpointable}).</li>
 * </ul>
 *
 * <p>Everything under {@code io.entroflow.operators.internal} (histograms and their exact sums,
 * joint count tables, the window machinery, the ordinal encoder, the state codec, the seqlock) is
 * implementation: it may change in any release, and no other module may import it.
 *
 * <p>One contract for every operator: configuration fixed at construction; single-writer, one
 * thread calls {@code update(time, input)}, which consumes an event and returns its local
 * (pointwise) value; any thread may call {@code snapshot()} at any time, which returns an immutable
 * value, without locks and without blocking the writer (one sequence lock per operator).
 */
package io.entroflow.operators;
