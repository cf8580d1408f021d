/**
 * Hidden Markov models of a stream's regimes.
 *
 * <ul>
 *   <li>{@link io.entroflow.operators.hmm.HmmModel}: K states, &pi;, A and an
 *       {@link io.entroflow.operators.hmm.Emission} (categorical, Gaussian, AR(1) Gaussian);</li>
 *   <li>{@link io.entroflow.operators.hmm.HmmFilter}: the per-event scaled forward filter
 *       (posterior, surprise, log-likelihood, predictive entropy) with
 *       {@link io.entroflow.operators.hmm.RegimeChangeDetector regime changes};</li>
 *   <li>{@link io.entroflow.operators.hmm.BaumWelch}: offline maximum-likelihood fitting with
 *       seeded random restarts;</li>
 *   <li>{@link io.entroflow.operators.hmm.OnlineEmHmm}: online EM (Capp&eacute; 2011) that
 *       follows slowly drifting parameters.</li>
 * </ul>
 * Both recursions report each event through one view, {@link io.entroflow.operators.hmm.HmmStep},
 * and hand state to other threads through immutable snapshots
 * ({@link io.entroflow.operators.hmm.HmmSnapshot}, {@link io.entroflow.operators.hmm.OnlineEmSnapshot}).
 * All log quantities are natural logarithms (nats).
 */
package io.entroflow.operators.hmm;
