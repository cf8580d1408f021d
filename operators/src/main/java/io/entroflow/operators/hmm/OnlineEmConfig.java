package io.entroflow.operators.hmm;

import java.util.Objects;

/**
 * Configuration of {@link OnlineEmHmm}: immutable, validated.
 *
 * @param states       K, 2..64
 * @param emission     the emission family
 * @param alphabetSize M for categorical emissions (symbols 0..M&minus;1), ignored otherwise
 * @param warmUp       observations buffered before the first model is built from their
 *                     quantiles, &ge; K (and &ge; 2)
 * @param stepExponent &alpha; of the step size &gamma;<sub>n</sub> = (n+1)<sup>&minus;&alpha;</sup>,
 *                     in (0.5, 1] (Capp&eacute; recommends 0.6)
 * @param minStep      floor of the step size, in [0, 1): 0 converges on a stationary stream; a
 *                     positive floor keeps forgetting at that rate (about 1/minStep events of
 *                     memory), so the model follows drifting parameters
 * @param mStepDelay   events of the recursion before the first M-step, &ge; 0
 * @param seed         seed of the symmetry-breaking perturbation of categorical starting rows
 */
public record OnlineEmConfig(int states, EmissionType emission, int alphabetSize, int warmUp, double stepExponent,
                             double minStep, int mStepDelay, long seed) {
    public OnlineEmConfig {
        Objects.requireNonNull(emission, "emission");
        if (states < HmmModel.MIN_STATES || states > HmmModel.MAX_STATES) {
            throw new IllegalArgumentException("states: expected " + HmmModel.MIN_STATES + ".." + HmmModel.MAX_STATES + ", got " + states);
        }
        if (emission == EmissionType.CATEGORICAL && alphabetSize < 1) {
            throw new IllegalArgumentException("alphabetSize: expected >= 1 for categorical emissions, got " + alphabetSize);
        }
        if (warmUp < Math.max(2, states)) {
            throw new IllegalArgumentException("warmUp: expected >= " + Math.max(2, states) + " (the number of states), got " + warmUp);
        }
        if (!(stepExponent > 0.5 && stepExponent <= 1)) {
            throw new IllegalArgumentException("stepExponent: expected a number in (0.5, 1], got " + stepExponent);
        }
        if (!(minStep >= 0 && minStep < 1)) {
            throw new IllegalArgumentException("minStep: expected a number in [0, 1), got " + minStep);
        }
        if (mStepDelay < 0) {
            throw new IllegalArgumentException("mStepDelay: expected >= 0, got " + mStepDelay);
        }
    }

    /** Defaults for a family: warm-up 200 events, &alpha; = 0.6, no floor, first M-step after 50 events. */
    public static OnlineEmConfig of(int states, EmissionType emission, int alphabetSize) {
        return new OnlineEmConfig(states, emission, alphabetSize, Math.max(200, states), 0.6, 0, 50, 42);
    }

    /** The same with another step-size floor. */
    public OnlineEmConfig withMinStep(double floor) {
        return new OnlineEmConfig(states, emission, alphabetSize, warmUp, stepExponent, floor, mStepDelay, seed);
    }
}
