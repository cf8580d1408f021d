package io.entroflow.operators.internal.window;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;
import io.entroflow.operators.window.Window;

/**
 * The events a {@link Window} currently counts. {@link #offer} admits one event and tells a
 * {@link WindowListener} what entered and what left; an operator keeps its sums in the listener.
 *
 * <p>Cost per event: O(1) amortised for count, cumulative and decay windows (a decay window
 * rescales its listener's state once every 32 half-lives); for time windows O(1) amortised for
 * events in time order, and O(d) for an event that lands d positions before the newest one.
 *
 * <p>Single-writer, not thread-safe.
 */
public abstract class EventWindow {
    private long streamTime = Long.MIN_VALUE;
    private long firstTime = Long.MIN_VALUE;
    private long eventsSeen;

    EventWindow() {
    }

    /** A new, empty window of the given kind. */
    public static EventWindow of(Window spec) {
        if (spec instanceof Window.Count c) {
            return new CountWindow(c.size());
        } else if (spec instanceof Window.Time t) {
            return new TimeWindow(t.spanMillis(), t.latenessMillis());
        } else if (spec instanceof Window.Decay d) {
            return new DecayWindow(d.halfLife(), d.clock());
        } else {
            return new CumulativeWindow();
        }
    }

    /**
     * Admits an event at {@code timeMillis} carrying {@code payload}; the listener sees the
     * evictions first, then the entry.
     *
     * @throws RejectedEventException with reason {@code late} when a time window cannot place the
     *                                event; the window and the listener are then unchanged
     */
    public final void offer(long timeMillis, long payload, WindowListener listener) {
        checkAdmissible(timeMillis);
        record(timeMillis);
        admit(timeMillis, payload, listener);
    }

    /** The bookkeeping of an admitted event: stream time, first time, events seen. */
    final void record(long timeMillis) {
        if (timeMillis > streamTime) {
            streamTime = timeMillis;
        }
        if (eventsSeen == 0 || timeMillis < firstTime) {
            firstTime = timeMillis;
        }
        eventsSeen++;
    }

    /**
     * This window as a {@link CountWindow}, for operators that apply a count window's step
     * themselves ({@link CountWindow#slide}); null for every other kind.
     */
    public final CountWindow asCountWindow() {
        return this instanceof CountWindow c ? c : null;
    }

    /**
     * This window as a {@link CumulativeWindow}, for operators that count an all-history window's
     * events themselves ({@link CumulativeWindow#push}); null for every other kind.
     */
    public final CumulativeWindow asCumulativeWindow() {
        return this instanceof CumulativeWindow c ? c : null;
    }

    /**
     * Takes over the bookkeeping of {@code other}'s events (count, first time, stream time), for
     * merging two cumulative states over disjoint data.
     *
     * @throws IllegalStateException unless both windows are cumulative
     */
    public final void absorb(EventWindow other) {
        if (!(this instanceof CumulativeWindow) || !(other instanceof CumulativeWindow)) {
            throw new IllegalStateException("absorb: only cumulative windows merge");
        }
        if (other.eventsSeen == 0) {
            return;
        }
        firstTime = eventsSeen == 0 ? other.firstTime : Math.min(firstTime, other.firstTime);
        streamTime = Math.max(streamTime, other.streamTime);
        eventsSeen += other.eventsSeen;
    }

    /** Largest event time seen, or {@link Long#MIN_VALUE} before the first event. */
    public final long streamTime() {
        return streamTime;
    }

    /** Events offered and accepted so far. */
    public final long eventsSeen() {
        return eventsSeen;
    }

    /** Event time of the earliest accepted event, or {@link Long#MIN_VALUE} before the first. */
    final long firstTime() {
        return firstTime;
    }

    /** Number of events with non-zero weight in the window (all events seen, for decay windows). */
    public abstract long size();

    /** Inclusive lower bound of the window in event time (the oldest counted event's time, or the time cut-off). */
    public abstract long startTime();

    /** Upper bound of the window in event time: stream time. */
    public final long endTime() {
        return streamTime;
    }

    /**
     * The weight an event at stream time carries in this window's scale: 1, except in decay
     * windows, whose weights grow instead of decaying. A window's total weight divided by this
     * is the number of events it stands for.
     */
    public double unitWeight() {
        return 1.0;
    }

    private static final int STATE_TAG = 0x57494E44; // "WIND"

    /**
     * Whether {@link #writeState} applies: true for decay and cumulative windows, whose state is
     * a few numbers; a count or time window's state is its events, which a caller keeps anyway.
     */
    public final boolean hasCompactState() {
        return this instanceof CumulativeWindow || this instanceof DecayWindow;
    }

    /**
     * Writes the window's bookkeeping (stream time, first time, events seen; a decay window's
     * origin) exactly. O(1).
     *
     * @throws IllegalStateException for a count or time window (see {@link #hasCompactState})
     */
    public final void writeState(StateWriter out) {
        requireCompactState();
        out.putInt(STATE_TAG).putInt(1).putBoolean(this instanceof DecayWindow);
        out.putLong(streamTime).putLong(firstTime).putLong(eventsSeen);
        out.putDouble(this instanceof DecayWindow d ? d.origin() : Double.NaN);
    }

    /**
     * Replaces this window's bookkeeping with one written by {@link #writeState} from a window of
     * the same kind.
     *
     * @throws IllegalStateException    for a count or time window
     * @throws IllegalArgumentException for a state of another kind or a corrupt state
     */
    public final void readState(StateReader in) {
        requireCompactState();
        in.expect(STATE_TAG, 1, "window");
        boolean decay = in.getBoolean();
        if (decay != this instanceof DecayWindow) {
            throw new IllegalArgumentException("state: " + (decay ? "decay" : "cumulative") + " window restored into a "
                    + (decay ? "cumulative" : "decay") + " window");
        }
        streamTime = in.getLong();
        firstTime = in.getLong();
        eventsSeen = in.getLong();
        double origin = in.getDouble();
        if (this instanceof DecayWindow d) {
            d.origin(origin);
        }
    }

    private void requireCompactState() {
        if (!hasCompactState()) {
            throw new IllegalStateException("state: only decay and cumulative windows export their state; a "
                    + getClass().getSimpleName() + " is rebuilt from its events");
        }
    }

    /** Throws if the event cannot be admitted. */
    void checkAdmissible(long timeMillis) {
    }

    abstract void admit(long timeMillis, long payload, WindowListener listener);
}
