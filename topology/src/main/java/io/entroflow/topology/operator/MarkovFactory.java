package io.entroflow.topology.operator;

import io.entroflow.operators.markov.MarkovChainEstimate;
import io.entroflow.operators.markov.MarkovTransitionOperator;
import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.SpecPathException;

/**
 * Factory for {@code markov}: the first-order Markov chain of one symbolic signal estimated from its
 * transition counts ({@link MarkovTransitionOperator}, {@link MarkovChainEstimate}), reporting by
 * {@code params.value} its entropy rate (default) or its entropy production, in bits or nats.
 * Parameter {@code pseudo-count} smooths the counts (default 0). Window: a count window of n events,
 * whose n &minus; 1 transitions are counted ({@link HistoryWindows}); the operator is rebuilt from its
 * window's events after a restart, so other windows are rejected. Each result runs the estimate, O(K&sup2;) and a power
 * iteration: fine at the aggregate interval, not per event.
 */
final class MarkovFactory implements OperatorFactory {
    @Override
    public StreamingOperator create(OperatorContext c) {
        SignalInfo signal = c.singleSymbolicSignal();
        if (!(c.window() instanceof Window.Count count)) {
            throw new SpecPathException(c.path().field("window"), "type " + c.type() + " needs a count window (it is "
                    + "rebuilt from the window's events), got " + c.window().describe());
        }
        int n = count.size();
        MarkovTransitionOperator op;
        try {
            op = new MarkovTransitionOperator(HistoryWindows.samples(c, 1), signal.alphabetSize());
        } catch (SpecPathException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SpecPathException(c.path().field("signal"), e.getMessage(), e);
        }
        boolean production = c.params().text("value").equals("entropy-production");
        double pseudoCount = c.params().number("pseudo-count");
        return new StreamingOperator() {
            private final long[] times = new long[n]; // event times of the window's events, a ring
            private long seen;

            @Override
            public double update(long timeMillis, long[] inputs) {
                op.update(timeMillis, (int) inputs[0]);
                times[(int) (seen++ % n)] = timeMillis;
                return Double.NaN;
            }

            @Override
            public OperatorResult result() {
                long transitions = op.windowSize();
                if (transitions == 0) {
                    return new OperatorResult(Double.NaN, c.unit().label(), Long.MIN_VALUE, Long.MIN_VALUE, 0, null, null);
                }
                MarkovChainEstimate chain = op.estimate(pseudoCount);
                double v = production ? chain.entropyProduction(c.unit()) : chain.entropyRate(c.unit());
                long first = seen - 1 - transitions; // the source event of the oldest transition
                return new OperatorResult(v, c.unit().label(), times[(int) (first % n)], times[(int) ((seen - 1) % n)],
                        transitions, null, null);
            }
        };
    }
}
