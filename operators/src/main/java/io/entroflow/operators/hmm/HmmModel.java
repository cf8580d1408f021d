package io.entroflow.operators.hmm;

import io.entroflow.operators.Probabilities;

import java.util.Arrays;
import java.util.Objects;

/**
 * A hidden Markov model: K hidden states (2..64), an initial distribution &pi;, a transition
 * matrix A (A<sub>ij</sub> = P(s<sub>t</sub> = j | s<sub>t&minus;1</sub> = i), rows sum to 1) and
 * an {@link Emission} model with K states. Immutable; probabilities are checked to lie in [0, 1]
 * and each distribution to sum to 1 within 10<sup>&minus;6</sup>, then renormalised exactly so
 * the filter's distributions do not drift.
 */
public final class HmmModel {
    /** Fewest hidden states. */
    public static final int MIN_STATES = 2;
    /** Most hidden states. */
    public static final int MAX_STATES = 64;
    private static final double SUM_TOLERANCE = 1e-6;

    private final double[] initial;
    private final double[][] transition;
    private final double[] transitionFlat;
    private final Emission emission;

    /**
     * @throws IllegalArgumentException naming the field (e.g. {@code transition[1][0]}) and the
     *         value when a probability is not in [0, 1], a row does not sum to 1, or the sizes
     *         disagree
     */
    public HmmModel(double[] initial, double[][] transition, Emission emission) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(emission, "emission");
        int k = initial.length;
        if (k < MIN_STATES || k > MAX_STATES) {
            throw new IllegalArgumentException("initial: expected " + MIN_STATES + ".." + MAX_STATES + " states, got " + k);
        }
        if (transition.length != k) {
            throw new IllegalArgumentException("transition: expected " + k + " rows (one per state), got " + transition.length);
        }
        if (emission.states() != k) {
            throw new IllegalArgumentException("emission: expected " + k + " states, got " + emission.states());
        }
        this.initial = Probabilities.normalised("initial", initial, SUM_TOLERANCE);
        this.transition = new double[k][];
        this.transitionFlat = new double[k * k];
        for (int i = 0; i < k; i++) {
            if (transition[i] == null || transition[i].length != k) {
                throw new IllegalArgumentException("transition[" + i + "]: expected " + k + " entries, got "
                        + (transition[i] == null ? "null" : transition[i].length));
            }
            this.transition[i] = Probabilities.normalised("transition[" + i + "]", transition[i], SUM_TOLERANCE);
            System.arraycopy(this.transition[i], 0, transitionFlat, i * k, k);
        }
        this.emission = emission;
    }

    /** K. */
    public int states() {
        return initial.length;
    }

    /** A copy of &pi;. */
    public double[] initial() {
        return initial.clone();
    }

    /** &pi;<sub>state</sub>. */
    public double initial(int state) {
        return initial[state];
    }

    /** A copy of A, [from][to]. */
    public double[][] transition() {
        double[][] copy = new double[transition.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = transition[i].clone();
        }
        return copy;
    }

    /** A<sub>from, to</sub>. */
    public double transition(int from, int to) {
        return transition[from][to];
    }

    /** The emission model. */
    public Emission emission() {
        return emission;
    }

    /** A row-major view of A (not copied: internal use only). */
    double[] transitionFlat() {
        return transitionFlat;
    }

    /** &pi; without copying (internal use only). */
    double[] initialRef() {
        return initial;
    }

    @Override
    public String toString() {
        return "HmmModel(initial=" + Arrays.toString(initial) + ", transition=" + Arrays.deepToString(transition)
                + ", emission=" + emission + ")";
    }
}
