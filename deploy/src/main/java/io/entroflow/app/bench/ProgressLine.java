package io.entroflow.app.bench;

import io.entroflow.app.record.Terminal;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The bench's progress on standard error: on a terminal one line redrawn in place every 500 ms,
 * otherwise one line every 5 s ({@code entroflow bench: monitor  45.0%  450,000 of 1,000,000 events
 * 85,000 events/s}). Single-threaded; {@link #NONE} prints nothing.
 */
public final class ProgressLine {
    /** Prints nothing. */
    public static final ProgressLine NONE = new ProgressLine(null, false);

    private final PrintStream err;
    private final boolean terminal;
    private long lastPrint;
    private boolean drawn;

    private ProgressLine(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Progress to {@code err}, redrawn in place when the process's standard error is a terminal. */
    public static ProgressLine to(PrintStream err) {
        return new ProgressLine(err, err == System.err && Terminal.stderrIsTerminal());
    }

    /** Prints {@code what}: {@code done} of {@code total} events, at {@code perSecond} events/s, when due. */
    public void update(String what, long done, long total, double perSecond) {
        print(what, done, total, String.format(Locale.ROOT, "%,d of %,d events  %,.0f events/s", done, total, perSecond));
    }

    /** Prints {@code what}: {@code elapsedMillis} of {@code totalMillis}, the monitor at {@code perSecond} events/s, when due. */
    public void updateTimed(String what, long elapsedMillis, long totalMillis, double perSecond) {
        long elapsed = Math.max(0, elapsedMillis);
        print(what, elapsed, totalMillis, String.format(Locale.ROOT, "%.0f of %.0f s  processed %,.0f events/s",
                elapsed / 1000.0, totalMillis / 1000.0, perSecond));
    }

    private void print(String what, long done, long total, String tail) {
        if (err == null) {
            return;
        }
        long now = System.nanoTime();
        if (lastPrint != 0 && now - lastPrint < (terminal ? 500_000_000L : 5_000_000_000L)) {
            return;
        }
        lastPrint = now;
        String line = String.format(Locale.ROOT, "entroflow bench: %-12s %5.1f%%  %s", what,
                100.0 * Math.min(done, total) / Math.max(1, total), tail);
        if (terminal) {
            err.print("\r" + line + "   ");
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends a line drawn in place; the next update starts a new one. */
    public void finish() {
        if (err != null && drawn) {
            err.println();
            drawn = false;
        }
        lastPrint = 0;
    }

    /** A message on a line of its own. */
    public void say(String message) {
        if (err != null) {
            finish();
            err.println("entroflow bench: " + message);
            err.flush();
        }
    }
}
