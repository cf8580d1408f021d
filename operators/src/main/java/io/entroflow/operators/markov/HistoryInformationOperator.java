package io.entroflow.operators.markov;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.joint.JointCodeLayout;
import io.entroflow.operators.internal.joint.JointTables;
import io.entroflow.operators.internal.joint.JointTablesListener;
import io.entroflow.operators.internal.joint.LaggedHistory;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.CumulativeWindow;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.state.Checkpointable;

import java.util.Objects;

/**
 * Entropy rate and active information storage of one symbol stream with history length k over a
 * window, updated per event.
 *
 * <p>Formulas (Lizier, Prokopenko, Zomaya 2012, doi:10.1016/j.ins.2012.04.016; plug-in estimates):
 * with a = x<sub>t+1</sub> and c = (x<sub>t&minus;k+1</sub> .. x<sub>t</sub>),
 * entropy rate h = H(a | c) = H(a,c) &minus; H(c), and AIS A = I(a ; c) = H(a) + H(c) &minus; H(a,c),
 * so h + A = H(a). Local values: &minus;log p(a|c) and log p(a|c)/p(a). Bits or nats.
 * Samples: events t &ge; k (0-based, arrival order), as in Inform and JIDT: N&minus;k samples for
 * N events; {@link #update} returns NaN for the first k events.
 *
 * <p>Cost: O(1) per event (three exact count tables, never rescanned).
 *
 * <p>Threads: one writer; {@link #snapshot()} from any thread, lock-free ({@link SeqLock}).
 */
public final class HistoryInformationOperator implements Checkpointable {
    private static final int JOINT = 0;
    private static final int PAST = 1;
    private static final int NEXT = 2;

    private final HistoryInformationConfig config;
    private final JointCodeLayout layout;
    private final EventWindow window;
    private final CumulativeWindow cumulativeWindow; // the window if it keeps all history: pushed without the listener
    private final JointTables tables;
    private final LaggedHistory history;
    private final SeqLock seqLock = new SeqLock();
    private final JointTablesListener listener;

    public HistoryInformationOperator(HistoryInformationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.layout = HistoryInformationConfig.layout(config.alphabet(), config.k());
        this.window = EventWindow.of(config.window());
        this.cumulativeWindow = window.asCumulativeWindow();
        this.tables = JointTables.forWindow(config.window(), layout.mask(0, 1), layout.mask(1), layout.mask(0));
        this.listener = new JointTablesListener(tables);
        this.history = new LaggedHistory(layout.symbolBits(1), config.k(), 1);
    }

    /**
     * Admits {@code symbol} and returns the local value of the configured measure for the sample
     * it completes, or NaN during the first k events.
     *
     * @throws RejectedEventException for a symbol outside the alphabet or a late event; the operator is then unchanged
     */
    public double update(long timeMillis, int symbol) {
        if (symbol < 0 || symbol >= config.alphabet()) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    "symbol: expected 0.." + (config.alphabet() - 1) + ", got " + symbol);
        }
        double local = Double.NaN;
        if (history.ready()) {
            long code = layout.place(0, symbol) | layout.place(1, history.code());
            seqLock.beginWrite();
            try {
                if (cumulativeWindow != null) {
                    cumulativeWindow.push(timeMillis);
                    tables.add(code, 1.0);
                } else {
                    window.offer(timeMillis, code, listener);
                    listener.flush();
                }
            } finally {
                seqLock.endWrite();
            }
            double conditional = tables.localNats(JOINT, code) - tables.localNats(PAST, code);
            double nats = config.measure() == HistoryInformationMeasure.ENTROPY_RATE
                    ? conditional : tables.localNats(NEXT, code) - conditional;
            local = config.unit().fromNats(nats);
        }
        history.push(symbol);
        return local;
    }

    /** The configured measure over the current window. Writer thread. */
    public double value() {
        // the formulas of entropyRateNats/activeInformationNats on the live tables, without a reading's arrays
        double joint = tables.entropyNats(JOINT);
        double past = tables.entropyNats(PAST);
        return config.unit().fromNats(config.measure() == HistoryInformationMeasure.ENTROPY_RATE
                ? Math.max(0.0, joint - past) : Math.max(0.0, tables.entropyNats(NEXT) + past - joint));
    }

    /** Both measures, consistently, from any thread. */
    public HistoryInformationSnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(tables.sums(), window.size(), window.unitWeight(),
                window.startTime(), window.endTime()));
        return new HistoryInformationSnapshot(config.unit().fromNats(entropyRateNats(r.sums)),
                config.unit().fromNats(activeInformationNats(r.sums)), config.unit().label(), r.samples,
                r.sums.totalWeight() / r.unitWeight, r.start, r.end);
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
        history.writeState(out);
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
            history.readState(in);
        });
    }

    /** The configuration. */
    public HistoryInformationConfig config() {
        return config;
    }

    /** Samples in the window. Writer thread. */
    public long windowSize() {
        return window.size();
    }

    private static double entropyRateNats(JointTables.Sums s) {
        return Math.max(0.0, s.entropyNats(JOINT) - s.entropyNats(PAST));
    }

    private static double activeInformationNats(JointTables.Sums s) {
        return Math.max(0.0, s.entropyNats(NEXT) + s.entropyNats(PAST) - s.entropyNats(JOINT));
    }

    private record Reading(JointTables.Sums sums, long samples, double unitWeight, long start, long end) {
    }
}
