package io.entroflow.topology.operator;

import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.SpecPathException;

/**
 * Windows for operators whose samples need a history of earlier events (transfer entropy, entropy
 * rate, active information, ordinal patterns, the HMM filter).
 *
 * <p>The topology rebuilds an operator over a count window after a restart by replaying the
 * journal, which holds at least the window's last n events (and possibly some earlier ones). So that
 * the rebuilt state is a function of those n events only, a count window of n events becomes a window
 * of the n &minus; warm-up samples whose whole history lies inside those n events. Decay and
 * cumulative windows are kept as they are: such an operator is checkpointed with its histories (see
 * {@link CheckpointableOperator}), so every sample counts. A time window cannot give that guarantee
 * (a sample's history may be older than the span plus the lateness), so it is rejected with a path
 * error.
 */
final class HistoryWindows {
    private HistoryWindows() {
    }

    /**
     * The sample window for a spec window and a history of {@code warmUp} events: count(n &minus; warmUp)
     * for a count window of n, the window itself for decay and cumulative windows.
     *
     * @throws SpecPathException for a time window, or n &le; warmUp
     */
    static Window samples(OperatorContext c, int warmUp) {
        if (CheckpointableOperator.requiredFor(c.window())) {
            return c.window();
        }
        int n = events(c);
        if (n <= warmUp) {
            throw new SpecPathException(c.path().field("window").field("count"), "must be > " + warmUp
                    + " (the history span of type " + c.type() + " with these params), got " + n);
        }
        return Window.count(n - warmUp);
    }

    /**
     * The count n of a count window.
     *
     * @throws SpecPathException for any other window
     */
    static int events(OperatorContext c) {
        if (!(c.window() instanceof Window.Count count)) {
            throw new SpecPathException(c.path().field("window"), "type " + c.type()
                    + " needs a count window here (its samples use earlier events, which a time window's journal"
                    + " cannot guarantee to hold after a restart), got " + c.window().describe());
        }
        return count.size();
    }
}
