package io.entroflow.operators.detect;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * What every {@link ChangeDetector} shares: the {@link Standardiser}, the statistic after the last
 * value, the values and alarms counted, their accessors, and the checkpoint frame.
 *
 * <p>A detector's {@code update} (its own, so each call site stays monomorphic) is
 * {@link #standardise} (NaN: still warming up), its statistic's step, then {@link #settle}; no
 * allocation per value. Its checkpoint is
 * <pre>
 * tag, version 1 | baseline, {@link #writeParameters} (the configuration fingerprint) | {@link #writeState}
 *     | statistic, values, alarms, standardiser
 * </pre>
 * and {@link #restore} refuses a state of another tag, version or configuration. Fields are
 * private; subclasses add their statistic's state and nothing else.
 */
abstract sealed class DetectorBase
        permits CusumDetector, PageHinkleyDetector, ShiryaevRobertsDetector, BayesianChangePointDetector {
    private static final int VERSION = 1;

    private final int stateTag;
    private final String name;
    private final String valueField;
    private final Object config;
    private final Baseline baseline;
    private final Standardiser standardiser;
    private double statistic = Double.NaN;
    private long values;
    private long alarms;

    /**
     * @param stateTag   the checkpoint's tag
     * @param name       the detector's name in state messages ({@code "CUSUM"})
     * @param valueField the value's name in rejections ({@code "cusum.value"})
     * @param config     the configuration, named when a state of another one is restored
     */
    DetectorBase(int stateTag, String name, String valueField, Object config, Baseline baseline) {
        this.stateTag = stateTag;
        this.name = name;
        this.valueField = valueField;
        this.config = config;
        this.baseline = baseline;
        this.standardiser = new Standardiser(baseline);
    }

    /**
     * Counts {@code value} and standardises it.
     *
     * @return z, or NaN while the baseline is being collected (the statistic is then NaN too)
     * @throws RejectedEventException (not_finite) for NaN or an infinity; nothing changes
     */
    final double standardise(double value) {
        RejectedEventException.requireFinite(valueField, value);
        values++;
        double z = standardiser.standardise(value);
        if (Double.isNaN(z)) {
            statistic = Double.NaN;
        }
        return z;
    }

    /**
     * Records the statistic after a value and counts an alarm when {@code alarm} (the detector then
     * restarts).
     *
     * @return {@code alarm}
     */
    final boolean settle(double statistic, boolean alarm) {
        this.statistic = statistic;
        if (alarm) {
            alarms++;
        }
        return alarm;
    }

    /** Part of every restart: an estimated baseline is collected again; the counters go on. */
    final void restartBaseline() {
        standardiser.restart();
    }

    /** The alarm statistic after the last value (before the restart if it alarmed); NaN while warming up. */
    public final double statistic() {
        return statistic;
    }

    /** True while no alarm is possible (the baseline is being collected). */
    public boolean warmingUp() {
        return !standardiser.ready();
    }

    /** Values consumed. */
    public final long values() {
        return values;
    }

    /** Alarms raised. */
    public final long alarms() {
        return alarms;
    }

    /** The exact state. */
    public final byte[] checkpoint() {
        StateWriter out = new StateWriter();
        out.putInt(stateTag).putInt(VERSION);
        writeConfig(out);
        writeState(out);
        out.putDouble(statistic).putLong(values).putLong(alarms);
        standardiser.write(out);
        return out.toByteArray();
    }

    /**
     * Replaces the state with a {@link #checkpoint} of a detector of the same kind and configuration.
     *
     * @throws IllegalArgumentException for a state of another kind, version or configuration, or a corrupt state
     */
    public final void restore(byte[] state) {
        StateReader in = new StateReader(state);
        in.expect(stateTag, VERSION, name);
        expectConfig(in);
        readState(in);
        statistic = in.getDouble();
        values = in.getLong();
        alarms = in.getLong();
        standardiser.read(in);
        in.expectEnd();
    }

    /** Writes the configuration beyond the baseline (part of the fingerprint a restore checks). */
    abstract void writeParameters(StateWriter out);

    /** Writes the statistic's own state. */
    abstract void writeState(StateWriter out);

    /** Reads what {@link #writeState} wrote. */
    abstract void readState(StateReader in);

    private void writeConfig(StateWriter out) {
        Standardiser.writeConfig(out, baseline);
        writeParameters(out);
    }

    /**
     * Reads this detector's configuration fingerprint from {@code in} and compares it with its own.
     *
     * @throws IllegalArgumentException when they differ
     */
    private void expectConfig(StateReader in) {
        StateWriter mine = new StateWriter();
        writeConfig(mine);
        if (!in.matches(mine.toByteArray())) {
            throw new IllegalArgumentException("state: " + name + " of another configuration restored into " + config);
        }
    }
}
