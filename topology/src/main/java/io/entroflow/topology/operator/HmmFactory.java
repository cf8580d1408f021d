package io.entroflow.topology.operator;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.hmm.CategoricalEmission;
import io.entroflow.operators.hmm.HmmFilter;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.hmm.HmmStep;
import io.entroflow.operators.hmm.SlidingWindowHmm;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.model.HmmModelJson;
import io.entroflow.schemas.spec.SpecPathException;

/**
 * Factory for {@code hmm}: the online HMM filter ({@link HmmFilter}) with a fixed model given inline
 * as {@code params.model}, in the JSON shape of the HMM model file ({@code hmm-model.schema.json}).
 * The signal is raw numeric for Gaussian and AR(1) emissions, symbolic for categorical emissions
 * (symbol ids are the observations 0..M&minus;1).
 *
 * <p>Two variants, by window:
 * <ul>
 *   <li>{@code cumulative: true} (the default when {@code window} is omitted): the recursive filter
 *       ({@link RecursiveHmmOperator}), O(K<sup>2</sup>) per event, conditioning on all history;
 *       checkpointed, so a restart continues bit-identically.</li>
 *   <li>{@code count: n}: a <em>fixed-lag</em> filter restarted from the model's initial distribution
 *       over the last n events after each event, so that it can be rebuilt from the window's events
 *       ({@link SlidingWindowHmm}: the window's forward recursion as a product of per-event step matrices
 *       kept in blocks, O(K<sup>3</sup> + (n/64 + 3) K<sup>2</sup>) per event once the window is full;
 *       its results depend on the replay starting a multiple of {@code Journal.CHUNK} = 64 events after
 *       the key's first, as the journal's chunks do). The filter forgets its start within a few expected
 *       state durations, so n = 20..100 usually suffices. Use it when the value must cover recent events only.</li>
 * </ul>
 * Decay and time windows are rejected with a path error (the filter has no decayed form).
 * Result:
 * <ul>
 *   <li>{@code regime}: the most probable state after the last event (for {@code regime-change} rules);</li>
 *   <li>value, by {@code params.value}: {@code surprise} (default) = the mean surprise
 *       &minus;(1/n) &Sigma; ln p(x<sub>t</sub> | x<sub>&lt;t</sub>) over the window's n events, in bits or nats
 *       (a density for Gaussian emissions, so it can be negative); or {@code posterior-entropy} = the
 *       entropy of the posterior over states after the last event, bits or nats, 0..log K;</li>
 *   <li>local value of an event: its surprise &minus;ln p(x<sub>t</sub> | x<sub>&lt;t</sub>) in the unit.</li>
 * </ul>
 */
final class HmmFactory implements OperatorFactory {
    @Override
    public boolean reportsRegime() {
        return true;
    }

    @Override
    public StreamingOperator create(OperatorContext c) {
        SpecPathException badWindow = c.window() instanceof Window.Cumulative || c.window() instanceof Window.Count ? null
                : new SpecPathException(c.path().field("window"), "type hmm takes cumulative: true (the recursive "
                        + "filter, the default) or count: n (a fixed-lag filter over the last n events), got "
                        + c.window().describe());
        HmmModel model;
        try {
            model = HmmModelJson.fromJson(c.params().node("model"), c.paramPath("model"));
        } catch (SpecPathException badModel) {
            if (badWindow == null) {
                throw badModel;
            }
            badWindow.addSuppressed(badModel); // independent: the planner reports both
            throw badWindow;
        }
        if (badWindow != null) {
            throw badWindow;
        }
        SignalInfo signal = c.single();
        boolean categorical = model.emission() instanceof CategoricalEmission;
        if (categorical && !signal.symbolic()) {
            throw new SpecPathException(c.path().field("signal"), "a categorical HMM model needs a symbolic signal, "
                    + "got raw numeric signal '" + signal.name() + "'");
        }
        if (categorical && ((CategoricalEmission) model.emission()).alphabetSize() < signal.alphabetSize()) {
            throw new SpecPathException(c.paramPath("model").field("emission"), "the categorical model has "
                    + ((CategoricalEmission) model.emission()).alphabetSize() + " symbols, signal '" + signal.name()
                    + "' has " + signal.alphabetSize() + "; every symbol of the signal needs an emission probability");
        }
        if (!categorical && signal.symbolic()) {
            throw new SpecPathException(c.path().field("signal"), "a Gaussian/AR(1) HMM model needs a raw numeric "
                    + "signal (numeric without symbolize), got symbolic signal '" + signal.name() + "'");
        }
        String value = c.params().text("value"); // a catalogue choice: surprise or posterior-entropy
        if (c.window() instanceof Window.Cumulative) {
            return new RecursiveHmmOperator(model, categorical, value.equals("surprise"), c.unit());
        }
        int n = HistoryWindows.events(c);
        return new FixedLagHmm(model, n, categorical, value.equals("surprise"), c.unit());
    }

    /** The fixed-lag filter over the last n observations. Single-threaded. */
    private static final class FixedLagHmm implements StreamingOperator {
        private final SlidingWindowHmm window;
        private final boolean categorical;
        private final boolean surpriseValue;
        private final InformationUnit unit;
        private double logLikelihood;
        private double posteriorEntropy = Double.NaN;
        private int regime = -1;
        private double[] posterior;

        FixedLagHmm(HmmModel model, int n, boolean categorical, boolean surpriseValue, InformationUnit unit) {
            this.window = new SlidingWindowHmm(model, n);
            this.categorical = categorical;
            this.surpriseValue = surpriseValue;
            this.unit = unit;
        }

        @Override
        public double update(long timeMillis, long[] inputs) {
            double x = categorical ? inputs[0] : Double.longBitsToDouble(inputs[0]);
            HmmStep last = window.update(timeMillis, x); // throws for a bad observation: nothing changed yet
            double surprise = last.surprise();
            logLikelihood = last.logLikelihood();
            posteriorEntropy = last.posteriorEntropy();
            regime = last.state();
            posterior = last.posterior();
            return unit.fromNats(surprise);
        }

        @Override
        public double[] posterior() {
            return posterior == null ? null : posterior.clone();
        }

        @Override
        public OperatorResult result() {
            int size = window.size();
            if (size == 0) {
                return new OperatorResult(Double.NaN, unit.label(), Long.MIN_VALUE, Long.MIN_VALUE, 0, null, null);
            }
            double v = surpriseValue ? -logLikelihood / size : posteriorEntropy;
            return new OperatorResult(unit.fromNats(v), unit.label(), window.oldestTime(), window.newestTime(),
                    size, null, regime);
        }
    }
}
