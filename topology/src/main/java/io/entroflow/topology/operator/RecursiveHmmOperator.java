package io.entroflow.topology.operator;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.hmm.HmmFilter;
import io.entroflow.operators.hmm.HmmModel;
import io.entroflow.operators.hmm.HmmSnapshot;

import java.nio.ByteBuffer;

/**
 * {@code hmm} over a cumulative window: the recursive forward filter ({@link HmmFilter}), one
 * O(K<sup>2</sup>) step per event, conditioning on every event of the key since the first. Persisted
 * by checkpoint (the filter's exact state plus the first event time) and journal tail, so a restart
 * continues bit-identically. Result: {@code regime} = the most probable state after the last event;
 * value {@code surprise} = &minus;(1/n) &Sigma; ln p(x<sub>t</sub> | x<sub>&lt;t</sub>) over all n events,
 * or {@code posterior-entropy} after the last event; the local value of an event is its surprise.
 * Single-threaded.
 */
final class RecursiveHmmOperator implements CheckpointableOperator {
    private final HmmFilter filter;
    private final boolean categorical;
    private final boolean surpriseValue;
    private final InformationUnit unit;
    private long firstTime = Long.MIN_VALUE;

    RecursiveHmmOperator(HmmModel model, boolean categorical, boolean surpriseValue, InformationUnit unit) {
        this.filter = new HmmFilter(model);
        this.categorical = categorical;
        this.surpriseValue = surpriseValue;
        this.unit = unit;
    }

    @Override
    public double update(long timeMillis, long[] inputs) {
        double x = categorical ? inputs[0] : Double.longBitsToDouble(inputs[0]);
        double surprise = filter.update(timeMillis, x).surprise(); // throws for a bad observation: nothing changed
        if (filter.events() == 1) {
            firstTime = timeMillis;
        }
        return unit.fromNats(surprise);
    }

    @Override
    public OperatorResult result() {
        HmmSnapshot s = filter.snapshot();
        if (s.events() == 0) {
            return new OperatorResult(Double.NaN, unit.label(), Long.MIN_VALUE, Long.MIN_VALUE, 0, null, null);
        }
        double v = surpriseValue ? -s.logLikelihood() / s.events() : s.posteriorEntropy();
        return new OperatorResult(unit.fromNats(v), unit.label(), firstTime, s.time(), s.events(), null, s.state());
    }

    @Override
    public double[] posterior() {
        HmmSnapshot s = filter.snapshot();
        return s.events() == 0 ? null : s.posterior();
    }

    @Override
    public byte[] checkpoint() {
        byte[] state = filter.checkpoint();
        return ByteBuffer.allocate(Long.BYTES + state.length).putLong(firstTime).put(state).array();
    }

    @Override
    public void restore(byte[] state) {
        if (state.length < Long.BYTES) {
            throw new IllegalArgumentException("state: HMM operator state of " + state.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(state);
        long first = b.getLong();
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        filter.restore(rest);
        firstTime = first;
    }
}
