package io.entroflow.operators.signal;

import io.entroflow.operators.hmm.Ar1GaussianEmission;
import io.entroflow.operators.hmm.CategoricalEmission;
import io.entroflow.operators.hmm.Emission;
import io.entroflow.operators.hmm.GaussianEmission;
import io.entroflow.operators.hmm.HmmModel;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws sequences from a hidden Markov model, returning the observations and the true hidden
 * states: s<sub>1</sub> ~ &pi;, s<sub>t</sub> ~ A<sub>s<sub>t&minus;1</sub>,&middot;</sub>, x<sub>t</sub>
 * ~ the state's emission (categorical symbols as doubles 0..M&minus;1; Gaussian; AR(1) with
 * x<sub>0</sub> = 0). Seeded: the same model, seed and length give the same sample. O(K) per
 * event. Not thread-safe (one sampler per thread).
 */
public final class HmmSampler implements SignalGenerator {
    private static final List<String> COLUMNS = List.of("value", "state");

    private final HmmModel model;
    private final SplittableRandom random;
    private int state = -1;      // streaming position: the last state drawn by next(), -1 before the first
    private double previous;     // the last observation drawn by next()

    /** A sampled sequence: {@code observations[t]} was emitted in hidden state {@code states[t]}. */
    public record Sample(double[] observations, int[] states) {
        /** Length of the sequence. */
        public int length() {
            return states.length;
        }
    }

    public HmmSampler(HmmModel model, long seed) {
        this.model = Objects.requireNonNull(model, "model");
        this.random = new SplittableRandom(seed);
    }

    /**
     * Draws {@code length} events (a fresh sequence from &pi;, continuing this sampler's random stream).
     *
     * @throws IllegalArgumentException for a negative length
     */
    public Sample sample(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length: expected >= 0, got " + length);
        }
        int k = model.states();
        double[] x = new double[length];
        int[] s = new int[length];
        double[] initial = model.initial();
        double[][] transition = model.transition();
        Emission emission = model.emission();
        double previous = 0;
        int state = -1;
        for (int t = 0; t < length; t++) {
            state = draw(t == 0 ? initial : transition[state], k);
            s[t] = state;
            x[t] = emit(emission, state, previous);
            previous = x[t];
        }
        return new Sample(x, s);
    }

    /** Columns of the streaming form: {@code value} (the observation) and {@code state} (the true state). */
    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    /** Draws the next event of one continuing sequence: its observation and its true state. */
    @Override
    public void next(double[] row) {
        state = draw(state < 0 ? model.initial() : model.transition()[state], model.states());
        previous = emit(model.emission(), state, previous);
        row[0] = previous;
        row[1] = state;
    }

    private double emit(Emission emission, int state, double previous) {
        if (emission instanceof GaussianEmission g) {
            return g.mean(state) + Math.sqrt(g.variance(state)) * random.nextGaussian();
        }
        if (emission instanceof Ar1GaussianEmission a) {
            return a.intercept(state) + a.coefficient(state) * previous + Math.sqrt(a.variance(state)) * random.nextGaussian();
        }
        CategoricalEmission c = (CategoricalEmission) emission;
        int m = c.alphabetSize();
        double u = random.nextDouble();
        double cumulative = 0;
        for (int symbol = 0; symbol < m - 1; symbol++) {
            cumulative += c.probability(state, symbol);
            if (u < cumulative) {
                return symbol;
            }
        }
        return m - 1;
    }

    private int draw(double[] p, int k) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int j = 0; j < k - 1; j++) {
            cumulative += p[j];
            if (u < cumulative && p[j] > 0) {
                return j;
            }
        }
        for (int j = k - 1; j > 0; j--) {
            if (p[j] > 0) {
                return j;
            }
        }
        return 0;
    }
}
