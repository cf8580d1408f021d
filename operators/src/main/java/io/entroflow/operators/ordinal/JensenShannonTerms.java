package io.entroflow.operators.ordinal;

import io.entroflow.operators.internal.histogram.DenseHistogram;
import io.entroflow.operators.internal.histogram.ExactSum;
import io.entroflow.operators.internal.histogram.Histogram;

import java.util.Arrays;

/**
 * The sum T = &Sigma;<sub>i&lt;N</sub> h(N w<sub>i</sub> + W), h(x) = x ln x, over the weights w<sub>i</sub>
 * of all N patterns with total W, from which S[(P+P<sub>e</sub>)/2] = ln(2NW) &minus; T/(2NW); kept
 * exactly ({@link ExactSum}) for one reference W.
 *
 * <p>Design notes.
 * <ol>
 *   <li>T depends on W in every term, so it is live only for the reference W it was last
 *       {@link #rebuild rebuilt} for (O(N)), and only while W and every weight are whole. Each
 *       change of one weight then replaces that pattern's term ({@link #replace}); if W is back at
 *       the reference after an event (a full count window: one pattern leaves, one enters), T is
 *       right. Any other change (a fractional weight, {@link #invalidate}) makes it stale, and the
 *       caller rebuilds it before the next read.</li>
 *   <li>Window changes move a count by one, so the table holds steps: for whole k,
 *       &Delta;(k) = [h(N(k+1) + W)] &minus; [h(N k + W)], where [x] is x in ExactSum's fixed point
 *       (the parts {@link ExactSum#add} adds). A count entering is one {@link ExactSum#addFixed} of
 *       &Delta;(k), a count leaving one {@link ExactSum#subtractFixed}: one table entry, no logarithm.
 *       The steps telescope in exact 128-bit integer arithmetic, so the live T has the same bits as
 *       a rebuild's &Sigma; [h(N w<sub>i</sub> + W)], whatever the order of events; h is
 *       {@link Histogram#xLnX} (table or {@link StrictMath#log} for whole x), so the same bits on
 *       every JVM.</li>
 *   <li>Entries are filled on first use for the current reference W and stamped with it, so a
 *       new W costs nothing until an entry is needed (a filling window changes W every event).
 *       Counts from {@value #STEP_TABLE_LIMIT} on, and jumps of more than one, replace the two
 *       terms directly.</li>
 * </ol>
 *
 * <p>Single-writer, not thread-safe; memory 24 bytes per tabulated count.
 */
final class JensenShannonTerms {
    /** Counts below this have their steps tabulated. */
    static final int STEP_TABLE_LIMIT = 1 << 16;
    private static final int ENTRY = 3; // stamp, integer part, fraction bits

    private final int patternCount;
    private final ExactSum sum = new ExactSum();
    private double reference = Double.NaN; // W that sum is right for; NaN: stale
    private double tableTotal = Double.NaN; // W the steps are for
    private long stamp = 1;                 // entry k is for tableTotal iff steps[3k] == stamp
    private long[] steps = new long[0];

    JensenShannonTerms(int patternCount) {
        this.patternCount = patternCount;
    }

    /** Whether T is live for total weight {@code total}. */
    boolean isLiveFor(double total) {
        return reference == total; // false for a stale (NaN) reference
    }

    /** Makes T stale unless the window's total is back at the reference. */
    void keepIfTotalIs(double total) {
        if (reference != total) {
            reference = Double.NaN;
        }
    }

    /** Makes T stale. */
    void invalidate() {
        reference = Double.NaN;
    }

    /** T; meaningful only when {@link #isLiveFor} the current total. */
    double value() {
        return sum.value();
    }

    /**
     * Recomputes T for total {@code total} from {@code counts}, O(N). T becomes live when the total
     * and every count are whole; otherwise it stays stale (the next read rebuilds it again).
     */
    void rebuild(DenseHistogram counts, double total) {
        sum.clear();
        boolean whole = total == Math.rint(total);
        for (int i = 0; i < patternCount; i++) {
            double w = counts.weight(i);
            whole &= w == Math.rint(w);
            sum.add(h(patternCount * w + total)); // the parts the steps telescope to
        }
        reference = whole ? total : Double.NaN;
        if (whole && tableTotal != total) {
            tableTotal = total;
            stamp++; // forget the steps of the previous W without clearing the table
        }
    }

    /** Replaces the term of a pattern whose weight went from {@code before} to {@code after}, if T is live. */
    void replace(double before, double after) {
        if (Double.isNaN(reference)) {
            return;
        }
        // the usual change, a whole count moving by one to a tabulated step, stays small enough to inline
        int b = (int) before;
        int a = (int) after;
        if (b == before && a == after) {
            int e = ENTRY * (a > b ? b : a);
            if ((a == b + 1 || b == a + 1) && a < STEP_TABLE_LIMIT && b < STEP_TABLE_LIMIT && e < steps.length
                    && steps[e] == stamp) {
                if (a > b) {
                    sum.addFixed(steps[e + 1], steps[e + 2]);
                } else {
                    sum.subtractFixed(steps[e + 1], steps[e + 2]);
                }
                return;
            }
        }
        replaceOther(before, after);
    }

    /** {@link #replace} for a fractional weight, a jump, a large count or a step not tabulated yet. */
    private void replaceOther(double before, double after) {
        int b = (int) before;
        int a = (int) after;
        if (b != before || a != after) {
            reference = Double.NaN; // a fractional weight: T goes stale
            return;
        }
        if (a == b + 1 && a < STEP_TABLE_LIMIT) {
            int e = step(b);
            sum.addFixed(steps[e + 1], steps[e + 2]);
        } else if (b == a + 1 && b < STEP_TABLE_LIMIT) {
            int e = step(a);
            sum.subtractFixed(steps[e + 1], steps[e + 2]);
        } else {
            sum.subtract(term(b));
            sum.add(term(a));
        }
    }

    /** The offset of count {@code k}'s entry, filled for the reference W. */
    private int step(int k) {
        int e = ENTRY * k;
        if (e >= steps.length) {
            int size = Math.min(STEP_TABLE_LIMIT, Math.max(k + 1, Math.max(64, 2 * steps.length / ENTRY)));
            steps = Arrays.copyOf(steps, ENTRY * size);
        }
        if (steps[e] != stamp) {
            fill(k, e);
        }
        return e;
    }

    /** &Delta;(k) = [h(N(k+1) + W)] &minus; [h(N k + W)] as a 128-bit fixed-point number (integer, fraction). */
    private void fill(int k, int e) {
        double low = term(k);
        double high = term(k + 1);
        long lowInteger = ExactSum.integerPart(low);
        long lowFraction = ExactSum.fractionBits(low, lowInteger);
        long highInteger = ExactSum.integerPart(high);
        long highFraction = ExactSum.fractionBits(high, highInteger);
        long borrow = Long.compareUnsigned(highFraction, lowFraction) < 0 ? 1 : 0;
        steps[e] = stamp;
        steps[e + 1] = highInteger - lowInteger - borrow; // >= 0: h grows with k
        steps[e + 2] = highFraction - lowFraction;
    }

    /** h(N k + W) for the reference W. */
    private double term(int k) {
        return h(patternCount * (double) k + tableTotal);
    }

    private static double h(double x) {
        return Histogram.xLnX(x); // whole x: a table load or StrictMath, the same bits on every JVM, so replays agree
    }
}
