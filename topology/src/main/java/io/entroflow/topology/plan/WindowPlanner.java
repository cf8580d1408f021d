package io.entroflow.topology.plan;

import io.entroflow.operators.window.Window;
import io.entroflow.schemas.spec.SpecPath;
import io.entroflow.schemas.spec.SpecPathException;
import io.entroflow.schemas.spec.WindowSpec;

import java.time.Duration;

/** A spec {@code window} as a library {@link Window}. */
final class WindowPlanner {
    private WindowPlanner() {
    }

    /**
     * The library window of a spec window at {@code path}; no window (allowed by the schema for measures
     * with a default window, {@code hmm}) is cumulative. A time window gets the monitor's lateness.
     *
     * @throws SpecPathException naming the path of a bad value
     */
    static Window window(WindowSpec w, SpecPath path, long latenessMillis) {
        if (w == null || w.isCumulative()) {
            return Window.cumulative();
        }
        if (w.isCount()) {
            return Window.count(w.count());
        }
        if (w.isTime()) {
            return Window.time(Duration.ofMillis(w.spanMillis(path)), Duration.ofMillis(latenessMillis));
        }
        if (w.decay() != null) {
            WindowSpec.Decay d = w.decay();
            SpecPath decay = path.field("decay");
            return d.inEventTime() ? Window.decayTime(Duration.ofMillis(d.halfLifeMillis(decay)))
                    : Window.decayEvents(d.halfLifeEvents(decay));
        }
        throw new SpecPathException(path, "expected one of count, time, decay or cumulative: true");
    }
}
