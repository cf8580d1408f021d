package io.entroflow.app.record;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Replay progress on standard error: on a terminal, a bar redrawn in place every 200 ms
 * ({@code [#######.............]  35.2%  12,345 records  3,210/s  ETA 0:07}); otherwise one plain
 * line every {@code plainEveryNanos}. The percentage is documents read over the queue's documents;
 * records/s is the average since the start; the ETA is the time until the last record is due when
 * paced, else the rest at the average rate. Single-threaded.
 */
final class Progress {
    private static final long TERMINAL_EVERY_NANOS = 200_000_000L;
    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private final long total;
    private final long plainEveryNanos;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastPrint;
    private boolean drawn;
    private long pacedEndNanos = Long.MIN_VALUE;

    Progress(PrintWriter out, boolean terminal, long total, long plainEveryNanos, LongSupplier nanoClock) {
        this.out = out;
        this.terminal = terminal;
        this.total = Math.max(1, total);
        this.plainEveryNanos = plainEveryNanos;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastPrint = start;
    }

    /** A paced replay ends no earlier than this clock reading (its last record is due then); the ETA uses it. */
    void pacedUntil(long endNanos) {
        this.pacedEndNanos = endNanos;
    }

    /** Prints when due. */
    void update(long documentsRead, long replayed) {
        long now = nanoClock.getAsLong();
        if (now - lastPrint < (terminal ? TERMINAL_EVERY_NANOS : plainEveryNanos)) {
            return;
        }
        lastPrint = now;
        if (terminal) {
            out.print("\r" + bar(documentsRead, replayed, now - start) + "   ");
            drawn = true;
        } else {
            out.println("entroflow replay: " + plain(documentsRead, replayed, now - start));
        }
        out.flush();
    }

    /** Ends the bar's line (terminal). */
    void finish(long documentsRead, long replayed) {
        if (terminal && drawn) {
            out.println("\r" + bar(documentsRead, replayed, nanoClock.getAsLong() - start) + "   ");
            out.flush();
        }
    }

    String bar(long documentsRead, long replayed, long elapsedNanos) {
        double f = fraction(documentsRead);
        int filled = (int) Math.round(f * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%5.1f%%  %,d records  %,.0f/s  ETA %s", 100 * f, replayed,
                rate(documentsRead, elapsedNanos, replayed), eta(documentsRead, elapsedNanos));
    }

    String plain(long documentsRead, long replayed, long elapsedNanos) {
        return String.format(Locale.ROOT, "%.1f%% of the queue read, %,d records replayed, %,.0f records/s, ETA %s",
                100 * fraction(documentsRead), replayed, rate(documentsRead, elapsedNanos, replayed),
                eta(documentsRead, elapsedNanos));
    }

    private double fraction(long documentsRead) {
        return Math.min(1.0, (double) documentsRead / total);
    }

    private static double rate(long documentsRead, long elapsedNanos, long replayed) {
        return elapsedNanos <= 0 ? 0 : replayed * 1e9 / elapsedNanos;
    }

    /**
     * Remaining time, as m:ss or h:mm:ss: when paced, until the last record is due; after that (or
     * at speed max) the rest at the average reading rate so far; "?" before any progress.
     */
    String eta(long documentsRead, long elapsedNanos) {
        if (documentsRead <= 0 || elapsedNanos <= 0) {
            return "?";
        }
        long pacedLeft = pacedEndNanos == Long.MIN_VALUE ? 0 : pacedEndNanos - (start + elapsedNanos);
        double seconds = pacedLeft > 0 ? pacedLeft / 1e9 // throttled: the reading rate says nothing
                : (total - Math.min(total, documentsRead)) * (elapsedNanos / 1e9) / documentsRead;
        return clock(Math.round(seconds));
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
