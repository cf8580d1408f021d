package io.entroflow.operators.transfer;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.concurrent.SeqLock;
import io.entroflow.operators.internal.joint.JointCodeLayout;
import io.entroflow.operators.internal.joint.JointTables;
import io.entroflow.operators.internal.joint.JointTablesListener;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.CumulativeWindow;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.significance.ChiSquareTest;
import io.entroflow.operators.state.Checkpointable;

import java.util.Objects;

/**
 * Joint and conditional entropies, mutual information (plain or conditioned on Z), normalised MI,
 * entropic distance and Rajski's distance of two aligned symbol streams over a window, updated per
 * event (x<sub>t</sub>, y<sub>t</sub>[, z<sub>t</sub>]).
 *
 * <p>Formulas (nats internally, reported in the configured unit): four exact count tables
 * (X,Z), (Y,Z), (X,Y,Z), (Z) give H(X|Z), H(Y|Z), H(X,Y|Z) as differences of
 * ln W &minus; &Sigma; w ln w / W; then I = H(X|Z) + H(Y|Z) &minus; H(X,Y|Z), the entropic distance
 * D = 2H(X,Y|Z) &minus; H(X|Z) &minus; H(Y|Z) and Rajski's d = D / H(X,Y|Z) (Rajski 1961). Without
 * a condition Z is constant and every quantity is unconditional. {@link #value()} and the local
 * value returned by {@link #update} are those of the configured {@link PairMeasure}; the local MI
 * is log( w(x,y,z) w(z) / (w(x,z) w(y,z)) ), the local conditional entropy log( w(y,z) / w(x,y,z) ).
 *
 * <p>Cost: O(1) per event (never rescans); {@link #value()} and {@link #snapshot()} O(1).
 *
 * <p>Threads: one writer ({@link #update}, {@link #value()}); {@link #snapshot()} from any thread,
 * lock-free ({@link SeqLock}).
 */
public final class MutualInformationOperator implements Checkpointable {
    private static final int XZ = 0;
    private static final int YZ = 1;
    private static final int XYZ = 2;
    private static final int Z = 3;

    private final MutualInformationConfig config;
    private final JointCodeLayout layout;
    private final EventWindow window;
    private final CumulativeWindow cumulativeWindow; // the window if it keeps all history: pushed without the listener
    private final JointTables tables;
    private final SeqLock seqLock = new SeqLock();
    private final JointTablesListener listener;

    public MutualInformationOperator(MutualInformationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.layout = MutualInformationConfig.layoutOf(config.alphabetX(), config.alphabetY(), config.conditionAlphabet());
        this.window = EventWindow.of(config.window());
        this.cumulativeWindow = window.asCumulativeWindow();
        this.tables = JointTables.forWindow(config.window(),
                JointTables.conditionalMutualInformationMasks(layout.mask(0), layout.mask(1), layout.mask(2)));
        this.listener = new JointTablesListener(tables);
    }

    /**
     * Admits the aligned pair (x, y) and returns its local MI in the configured unit.
     *
     * @throws RejectedEventException for a symbol outside its alphabet or a late event; the operator is then unchanged
     * @throws IllegalStateException  if a condition stream is configured
     */
    public double update(long timeMillis, int x, int y) {
        if (config.conditioned()) {
            throw new IllegalStateException("update: conditioned operator; call update(time, x, y, z)");
        }
        return admit(timeMillis, x, y, 0);
    }

    /** As {@link #update(long, int, int)} with the condition symbol z (conditional MI). */
    public double update(long timeMillis, int x, int y, int z) {
        if (!config.conditioned()) {
            throw new IllegalStateException("update: no condition stream configured; call update(time, x, y)");
        }
        check("z", z, config.conditionAlphabet());
        return admit(timeMillis, x, y, z);
    }

    private double admit(long timeMillis, int x, int y, int z) {
        check("x", x, config.alphabetX());
        check("y", y, config.alphabetY());
        long code = layout.place(0, x) | layout.place(1, y) | layout.place(2, z);
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
        return config.unit().fromNats(localNats(code));
    }

    private double localNats(long code) {
        return switch (config.measure()) {
            case MUTUAL_INFORMATION -> tables.localConditionalMutualInformationNats(code);
            case CONDITIONAL_ENTROPY -> tables.localNats(XYZ, code) - tables.localNats(YZ, code);
            case JOINT_ENTROPY -> tables.localNats(XYZ, code) - tables.localNats(Z, code);
            case ENTROPIC_DISTANCE -> 2 * tables.localNats(XYZ, code) - tables.localNats(XZ, code) - tables.localNats(YZ, code);
        };
    }

    private static void check(String field, int symbol, int alphabet) {
        if (symbol < 0 || symbol >= alphabet) {
            throw new RejectedEventException(RejectedEventException.Reason.OUT_OF_RANGE,
                    field + ": expected 0.." + (alphabet - 1) + ", got " + symbol);
        }
    }

    /**
     * The joint codes of aligned streams with the masks of X, Y (shuffled by surrogates) and Z:
     * the input of a {@link io.entroflow.operators.significance.SurrogateTest}.
     *
     * @param z the condition stream, or null when {@code config} has none
     */
    public static JointSamples samples(MutualInformationConfig config, int[] x, int[] y, int[] z) {
        if (x.length != y.length || (z != null && z.length != x.length)) {
            throw new IllegalArgumentException("streams: x, y and z must be aligned, got lengths "
                    + x.length + ", " + y.length + (z == null ? "" : ", " + z.length));
        }
        if ((z != null) != config.conditioned()) {
            throw new IllegalArgumentException("z: " + (config.conditioned() ? "required" : "not configured"));
        }
        JointCodeLayout layout = MutualInformationConfig.layoutOf(config.alphabetX(), config.alphabetY(),
                config.conditionAlphabet());
        long[] codes = new long[x.length];
        for (int t = 0; t < x.length; t++) {
            check("x", x[t], config.alphabetX());
            check("y", y[t], config.alphabetY());
            int c = z == null ? 0 : z[t];
            if (z != null) {
                check("z", c, config.conditionAlphabet());
            }
            codes[t] = layout.place(0, x[t]) | layout.place(1, y[t]) | layout.place(2, c);
        }
        return new JointSamples(codes, layout.mask(0), layout.mask(1), layout.mask(2));
    }

    /** The configured measure over the current window, in the configured unit. Writer thread. */
    public double value() {
        JointTables.Sums s = tables.sums();
        double hz = s.entropyNats(Z);
        double nats = switch (config.measure()) {
            case MUTUAL_INFORMATION -> JointTables.conditionalMutualInformationNats(s);
            case CONDITIONAL_ENTROPY -> s.entropyNats(XYZ) - s.entropyNats(YZ);
            case JOINT_ENTROPY -> s.entropyNats(XYZ) - hz;
            case ENTROPIC_DISTANCE -> 2 * s.entropyNats(XYZ) - s.entropyNats(XZ) - s.entropyNats(YZ);
        };
        return config.unit().fromNats(Math.max(0.0, nats));
    }

    /** A consistent snapshot of every two-stream measure with the analytic p-value of I, from any thread. */
    public MutualInformationSnapshot snapshot() {
        Reading r = seqLock.read(() -> new Reading(tables.sums(), window.size(), window.unitWeight(),
                window.startTime(), window.endTime()));
        JointTables.Sums s = r.sums;
        double hz = s.entropyNats(Z);
        double hx = Math.max(0.0, s.entropyNats(XZ) - hz);
        double hy = Math.max(0.0, s.entropyNats(YZ) - hz);
        double hxy = Math.max(0.0, s.entropyNats(XYZ) - hz);
        double mi = Math.max(0.0, JointTables.conditionalMutualInformationNats(s));
        double distance = Math.max(0.0, 2 * hxy - hx - hy);
        double n = s.totalWeight() / r.unitWeight;
        double df = config.degreesOfFreedom();
        InformationUnit u = config.unit();
        return new MutualInformationSnapshot(u.fromNats(hx), u.fromNats(hy), u.fromNats(hxy),
                u.fromNats(Math.max(0.0, hxy - hy)), u.fromNats(Math.max(0.0, hxy - hx)), u.fromNats(mi),
                hx > 0 && hy > 0 ? Math.min(1.0, mi / Math.sqrt(hx * hy)) : 0.0, u.fromNats(distance),
                hxy > 0 ? Math.min(1.0, distance / hxy) : 0.0, u.label(), r.events, n, df,
                ChiSquareTest.pValue(mi, n, df), r.start, r.end);
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
        });
    }

    /** The configuration. */
    public MutualInformationConfig config() {
        return config;
    }

    /** Events in the window. Writer thread. */
    public long windowSize() {
        return window.size();
    }

    private record Reading(JointTables.Sums sums, long events, double unitWeight, long start, long end) {
    }
}
