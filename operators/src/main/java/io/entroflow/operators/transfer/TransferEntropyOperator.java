package io.entroflow.operators.transfer;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.joint.JointCodeLayout;
import io.entroflow.operators.internal.joint.JointTables;
import io.entroflow.operators.internal.joint.JointTablesListener;
import io.entroflow.operators.internal.joint.LaggedHistory;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.CountWindow;
import io.entroflow.operators.internal.window.CumulativeWindow;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.significance.ChiSquareTest;
import io.entroflow.operators.state.Checkpointable;

import java.util.Objects;

/**
 * Discrete (plug-in) transfer entropy from a source Y to a target X over a window, optionally
 * conditioned on a third stream Z, updated per aligned event (x<sub>t</sub>, y<sub>t</sub>[, z<sub>t</sub>]).
 *
 * <p>Formula (Schreiber 2000, doi:10.1103/PhysRevLett.85.461; local values: Lizier et al. 2008,
 * doi:10.1103/PhysRevE.77.026110). With a = x<sub>t+1</sub>, b = (y<sub>t&minus;u&minus;l+2</sub> ..
 * y<sub>t&minus;u+1</sub>), c = (x<sub>t&minus;k+1</sub> .. x<sub>t</sub>) [and the condition history]:
 * TE = I(a; b | c) = H(a,c) + H(b,c) &minus; H(a,b,c) &minus; H(c), and the local value of a sample is
 * te = log( p(a|b,c) / p(a|c) ) = log( w(a,b,c)&middot;w(c) / (w(a,c)&middot;w(b,c)) ), in bits or nats.
 *
 * <p>Which samples: event t (0-based, in arrival order) is the predicted symbol a of one sample as
 * soon as every history is complete, i.e. for t &ge; max(k, u+l&minus;1, w+m&minus;1) (see
 * {@link TransferEntropyConfig#warmUp()}). For k = l = u = 1 this is t = 1..N&minus;1, the
 * convention of JIDT and Inform (N&minus;k samples for l = 1). Earlier events only fill the
 * histories, and {@link #update} returns NaN for them (they form no sample, so a time window does
 * not check them for lateness). Histories follow arrival order; aligning and ordering streams is
 * the caller's job.
 *
 * <p>Cost: O(1) per event: the sample's joint code is built from rolling history codes
 * ({@link LaggedHistory}), the window adds/removes it in four exact count tables
 * ({@link JointTables}), and the value is read from their running &Sigma; w ln w; nothing is rescanned
 * (decay windows rescale all tables once every 32 half-lives). On a count window the tables hold
 * plain counts ({@link JointTables#counting}: one array access or hash probe and one fixed-point
 * addition per changed table), and so do they on a cumulative window ({@link JointTables#cumulative}:
 * counts of any size, exact up to 2<sup>53</sup> samples). Memory: O(distinct joint codes in the window), or on a count window a
 * dense array per table where that takes at most twice a full hash table (k = 3, l = 2 over 8
 * symbols, window 10,000: about 0.6 MiB); on a cumulative window dense arrays for projections of up
 * to 18 bits (2 bytes a count while counts stay below 65,536, then 4, then 8).
 *
 * <p>Threads: one writer calls {@link #update} and {@link #value()}; any thread may call
 * {@link #snapshot()} without locks and without blocking the writer ({@link SeqLock}).
 */
public final class TransferEntropyOperator implements Checkpointable {
    private static final int NEXT = 0;
    private static final int TARGET_PAST = 1;
    private static final int SOURCE_PAST = 2;
    private static final int CONDITION_PAST = 3;

    private final TransferEntropyConfig config;
    private final JointCodeLayout layout;
    private final EventWindow window;
    private final CountWindow countWindow; // the window if it counts events: slid without the listener
    private final CumulativeWindow cumulativeWindow; // the window if it keeps all history: pushed without the listener
    private final JointTables tables;
    private final LaggedHistory targetHistory;
    private final LaggedHistory sourceHistory;
    private final LaggedHistory conditionHistory;
    private final SeqLock seqLock = new SeqLock();
    private final JointTablesListener listener;
    private long eventsSeen;

    public TransferEntropyOperator(TransferEntropyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.layout = config.layout();
        this.window = EventWindow.of(config.window());
        this.countWindow = window.asCountWindow();
        this.cumulativeWindow = window.asCumulativeWindow();
        this.tables = JointTables.forWindow(config.window(), JointTables.conditionalMutualInformationMasks(
                layout.mask(NEXT), layout.mask(SOURCE_PAST), layout.mask(TARGET_PAST, CONDITION_PAST)));
        this.listener = new JointTablesListener(tables);
        this.targetHistory = new LaggedHistory(layout.symbolBits(TARGET_PAST), config.k(), 1);
        this.sourceHistory = new LaggedHistory(layout.symbolBits(SOURCE_PAST), config.l(), config.delay());
        this.conditionHistory = new LaggedHistory(layout.symbolBits(CONDITION_PAST), config.conditionLength(),
                config.conditionDelay());
    }

    /**
     * Admits target symbol x<sub>t</sub> and source symbol y<sub>t</sub> (no condition configured)
     * and returns the local TE of the sample x<sub>t</sub> completes, or NaN during the warm-up.
     *
     * @throws RejectedEventException for a symbol outside its alphabet ({@code out_of_range}) or an
     *         event a time window cannot place ({@code late}); the operator is then unchanged
     * @throws IllegalStateException  if a condition stream is configured
     */
    public double update(long timeMillis, int target, int source) {
        if (config.conditioned()) {
            throw new IllegalStateException("update: this operator is conditioned on a third stream; "
                    + "call update(time, target, source, condition)");
        }
        return admit(timeMillis, target, source, 0);
    }

    /** As {@link #update(long, int, int)} with the condition symbol z<sub>t</sub> (conditional TE). */
    public double update(long timeMillis, int target, int source, int condition) {
        if (!config.conditioned()) {
            throw new IllegalStateException("update: no condition stream configured; call update(time, target, source)");
        }
        check("condition", condition, config.conditionAlphabet());
        return admit(timeMillis, target, source, condition);
    }

    private double admit(long timeMillis, int target, int source, int condition) {
        check("target", target, config.targetAlphabet());
        check("source", source, config.sourceAlphabet());
        long code = 0;
        boolean sample = ready();
        seqLock.beginWrite();
        try {
            if (sample) {
                code = code(target);
                if (countWindow != null) {
                    slide(timeMillis, code);
                } else if (cumulativeWindow != null) {
                    cumulativeWindow.push(timeMillis);
                    tables.add(code, 1.0);
                } else {
                    offer(timeMillis, code); // may reject (late): nothing below runs then
                }
            }
            push(target, source, condition);
        } finally {
            seqLock.endWrite();
        }
        return sample ? config.unit().fromNats(tables.localConditionalMutualInformationNats(code)) : Double.NaN;
    }

    /**
     * A count window's step, applied to the tables directly: the same changes as
     * {@link JointTablesListener} makes (replace when a sample leaves, else add), one call deep.
     */
    private void slide(long timeMillis, long code) {
        long leaving = countWindow.slide(timeMillis, code);
        if (leaving != CountWindow.NOTHING_LEFT) {
            tables.replace(leaving, code, 1.0);
        } else {
            tables.add(code, 1.0);
        }
    }

    /** Any other window: through the listener, which pairs an eviction with the entry that follows. */
    private void offer(long timeMillis, long code) {
        window.offer(timeMillis, code, listener);
        listener.flush();
    }

    private static void check(String field, int symbol, int alphabet) {
        if (symbol < 0 || symbol >= alphabet) {
            throw outOfRange(field, symbol, alphabet);
        }
    }

    private static RejectedEventException outOfRange(String field, int symbol, int alphabet) {
        return new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                field + ": expected 0.." + (alphabet - 1) + ", got " + symbol);
    }

    /**
     * The joint codes of the samples of a whole recording (the samples {@link #update} would count,
     * in order), with the masks of next symbol, source history and target/condition history: the
     * input of a {@link io.entroflow.operators.significance.SurrogateTest}.
     *
     * @param condition the condition stream, or null when {@code config} has none
     */
    public static JointSamples samples(TransferEntropyConfig config, int[] target, int[] source, int[] condition) {
        if (target.length != source.length || (condition != null && condition.length != target.length)) {
            throw new IllegalArgumentException("streams: target, source and condition must be aligned, got lengths "
                    + target.length + ", " + source.length + (condition == null ? "" : ", " + condition.length));
        }
        if ((condition != null) != config.conditioned()) {
            throw new IllegalArgumentException("condition: " + (config.conditioned() ? "required" : "not configured"));
        }
        TransferEntropyOperator op = new TransferEntropyOperator(config);
        long[] codes = new long[Math.max(0, target.length - config.warmUp())];
        int n = 0;
        for (int t = 0; t < target.length; t++) {
            int z = condition == null ? 0 : condition[t];
            check("target", target[t], config.targetAlphabet());
            check("source", source[t], config.sourceAlphabet());
            if (condition != null) {
                check("condition", z, config.conditionAlphabet());
            }
            if (op.ready()) {
                codes[n++] = op.code(target[t]);
            }
            op.push(target[t], source[t], z);
        }
        JointCodeLayout layout = op.layout;
        return new JointSamples(java.util.Arrays.copyOf(codes, n), layout.mask(NEXT), layout.mask(SOURCE_PAST),
                layout.mask(TARGET_PAST, CONDITION_PAST));
    }

    private boolean ready() {
        return targetHistory.ready() && sourceHistory.ready() && conditionHistory.ready();
    }

    private long code(int target) {
        return layout.place(NEXT, target)
                | layout.place(TARGET_PAST, targetHistory.code())
                | layout.place(SOURCE_PAST, sourceHistory.code())
                | layout.place(CONDITION_PAST, conditionHistory.code());
    }

    private void push(int target, int source, int condition) {
        targetHistory.push(target);
        sourceHistory.push(source);
        conditionHistory.push(condition);
        eventsSeen++;
    }

    /** TE over the current window, in the configured unit, &ge; 0. Writer thread. */
    public double value() {
        return config.unit().fromNats(Math.max(0.0, tables.conditionalMutualInformationNats()));
    }

    /** A consistent snapshot with the analytic p-value, from any thread. */
    public TransferEntropySnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(tables.sums(), window.size(), window.unitWeight(),
                window.startTime(), window.endTime(), eventsSeen));
        double nats = nats(r.sums);
        double n = r.sums.totalWeight() / r.unitWeight;
        double df = config.degreesOfFreedom();
        return new TransferEntropySnapshot(config.unit().fromNats(nats), config.unit().label(), r.samples, n, df,
                ChiSquareTest.pValue(nats, n, df), r.start, r.end, r.eventsSeen);
    }

    /**
     * The exact state (window bookkeeping, joint tables and histories), from which {@link #restore}
     * continues bit-identically. Decay and cumulative windows only: a count or time window is
     * rebuilt by replaying its events. O(support). Writer thread.
     *
     * @throws IllegalStateException for a count or time window
     */
    @Override
    public byte[] checkpoint() {
        StateWriter out = new StateWriter();
        window.writeState(out);
        tables.writeState(out);
        targetHistory.writeState(out);
        sourceHistory.writeState(out);
        conditionHistory.writeState(out);
        out.putLong(eventsSeen);
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of an operator of the same configuration.
     *
     * @throws IllegalStateException    for a count or time window
     * @throws IllegalArgumentException for a state of another configuration or a corrupt state
     */
    @Override
    public void restore(byte[] state) {
        StateReader.restoreUnder(seqLock, state, in -> {
            window.readState(in);
            tables.readState(in);
            targetHistory.readState(in);
            sourceHistory.readState(in);
            conditionHistory.readState(in);
            eventsSeen = in.getLong();
        });
    }

    /** The configuration. */
    public TransferEntropyConfig config() {
        return config;
    }

    /** Samples in the window. Writer thread. */
    public long windowSize() {
        return window.size();
    }

    private static double nats(JointTables.Sums sums) {
        return Math.max(0.0, JointTables.conditionalMutualInformationNats(sums));
    }

    private record Reading(JointTables.Sums sums, long samples, double unitWeight, long start, long end, long eventsSeen) {
    }
}
