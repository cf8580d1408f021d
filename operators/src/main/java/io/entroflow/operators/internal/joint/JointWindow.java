package io.entroflow.operators.internal.joint;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.internal.window.CountWindow;
import io.entroflow.operators.internal.window.CumulativeWindow;
import io.entroflow.operators.internal.window.EventWindow;
import io.entroflow.operators.window.Window;

/**
 * A window of joint codes and the exact count tables of what it holds: the per-sample step of every
 * joint-table operator (transfer entropy, mutual information and the pair measures, entropy rate and
 * active information storage).
 *
 * <p>A count window is slid ({@link CountWindow#slide}) and a cumulative window pushed
 * ({@link CumulativeWindow#push}), and the tables are changed directly, one call deep: the code that
 * leaves a full count window is replaced by the one that enters ({@link JointTables#replace}), else the
 * entering code is added. Time and decay windows go through a {@link JointTablesListener}, which pairs an
 * eviction with the entry that follows it. The tables end in the same state either way (the count window's
 * step is the listener's, without the calls through the listener interface, which would not be inlined:
 * see {@link CountWindow}).
 *
 * <p>Cost: O(1) per sample, one count change per table (a time window also removes the samples that
 * leave it, a decay window rescales the tables once every 32 half-lives). Single writer, not thread-safe:
 * the operator calls it inside its seqlock's write section.
 */
public final class JointWindow {
    private final EventWindow window;
    private final CountWindow countWindow;           // the window if it counts events, else null
    private final CumulativeWindow cumulativeWindow; // the window if it keeps all history, else null
    private final JointTables tables;
    private final JointTablesListener listener;

    /**
     * @param spec  the window
     * @param masks the projections of the tables, as {@link JointTables#forWindow}
     */
    public JointWindow(Window spec, long... masks) {
        this.window = EventWindow.of(spec);
        this.countWindow = window.asCountWindow();
        this.cumulativeWindow = window.asCumulativeWindow();
        this.tables = JointTables.forWindow(spec, masks);
        this.listener = new JointTablesListener(tables);
    }

    /**
     * Admits the sample with joint code {@code code} at event time {@code timeMillis}.
     *
     * @throws io.entroflow.operators.RejectedEventException with reason {@code late} when a time window
     *         cannot place the sample; the window and the tables are then unchanged
     */
    public void offer(long timeMillis, long code) {
        if (countWindow != null) {
            long leaving = countWindow.slide(timeMillis, code);
            if (leaving != CountWindow.NOTHING_LEFT) {
                tables.replace(leaving, code, 1.0);
            } else {
                tables.add(code, 1.0);
            }
        } else if (cumulativeWindow != null) {
            cumulativeWindow.push(timeMillis);
            tables.add(code, 1.0);
        } else {
            window.offer(timeMillis, code, listener);
            listener.flush();
        }
    }

    /** The window (its size, weights and times); change it only through {@link #offer}. */
    public EventWindow window() {
        return window;
    }

    /** The tables (their sums and local values); change them only through {@link #offer}. */
    public JointTables tables() {
        return tables;
    }

    /**
     * Writes the window's bookkeeping, then the tables' state (decay and cumulative windows only).
     *
     * @throws IllegalStateException for a count or time window (rebuilt by replaying its events)
     */
    public void writeState(StateWriter out) {
        window.writeState(out);
        tables.writeState(out);
    }

    /** Reads what {@link #writeState} wrote, for a window of the same configuration. */
    public void readState(StateReader in) {
        window.readState(in);
        tables.readState(in);
    }
}
