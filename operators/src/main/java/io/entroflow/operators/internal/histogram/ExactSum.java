package io.entroflow.operators.internal.histogram;

import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * An exact, order-independent running sum of doubles, kept as a 128-bit two's-complement fixed
 * point number with 64 integer and 64 fractional bits.
 *
 * <p>Any double whose magnitude is below 2<sup>63</sup> and whose lowest set bit is at or above
 * 2<sup>-64</sup> converts without rounding; smaller bits are truncated toward zero
 * (at most 2<sup>-64</sup> per term). Adding and later subtracting the same term therefore
 * returns the sum to exactly its previous value, and the same multiset of terms gives the same
 * bits in any order. That is what makes incremental sums such as &Sigma; c&middot;ln c equal to a
 * from-scratch recomputation, and a state rebuilt after a restart identical to one never
 * interrupted.
 *
 * <p>Cost: a handful of integer operations per {@link #add}. Not thread-safe.
 */
public final class ExactSum {
    private static final double TWO_POW_64 = 0x1p64;
    private static final double TWO_POW_63 = 0x1p63;

    private long high; // signed integer part
    private long low;  // unsigned fraction, units of 2^-64

    /** Adds {@code term}. */
    public void add(double term) {
        if (term >= 0) {
            addMagnitude(term, false);
        } else {
            addMagnitude(-term, true);
        }
    }

    /** Subtracts {@code term}. */
    public void subtract(double term) {
        add(-term);
    }

    /** Adds another sum. */
    public void add(ExactSum other) {
        long newLow = low + other.low;
        long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
        low = newLow;
        high += other.high + carry;
    }

    /** Resets to zero. */
    public void clear() {
        high = 0;
        low = 0;
    }

    /** The sum, rounded to the nearest double. */
    public double value() {
        // high + low * 2^-64; low as unsigned, its top 53 bits suffice for double precision
        return high + (low >>> 11) * 0x1p-53;
    }

    /** True when the sum is a whole number in [0, 2<sup>53</sup>], so its double value is exact. */
    public boolean isSmallWholeNumber() {
        return low == 0 && high >= 0 && high <= (1L << 53);
    }

    /** The integer part (floor) of the sum. */
    long integerPart() {
        return high;
    }

    /** True when the sum is exactly zero. */
    public boolean isZero() {
        return high == 0 && low == 0;
    }

    /** A copy of this sum. */
    public ExactSum copy() {
        ExactSum c = new ExactSum();
        c.high = high;
        c.low = low;
        return c;
    }

    /** Writes the exact 128 bits. */
    public void writeState(StateWriter out) {
        out.putLong(high).putLong(low);
    }

    /** Replaces this sum with one written by {@link #writeState}. */
    public void readState(StateReader in) {
        high = in.getLong();
        low = in.getLong();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExactSum s && s.high == high && s.low == low;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(high) * 31 + Long.hashCode(low);
    }

    @Override
    public String toString() {
        return Double.toString(value());
    }

    private void addMagnitude(double magnitude, boolean negative) {
        long integer = integerPart(magnitude);
        long fractionBits = fractionBits(magnitude, integer);
        if (!negative) {
            addFixed(integer, fractionBits);
        } else {
            subtractFixed(integer, fractionBits);
        }
    }

    /**
     * Adds the non-negative fixed-point number integer + fraction&middot;2<sup>-64</sup> (fraction unsigned),
     * as split by {@link #integerPart} and {@link #fractionBits}: the same bits as {@link #add} of that
     * term, without the conversion (for callers that tabulate their terms).
     */
    public void addFixed(long integer, long fraction) {
        long newLow = low + fraction;
        long carry = Long.compareUnsigned(newLow, low) < 0 ? 1 : 0;
        low = newLow;
        high += integer + carry;
    }

    /** Subtracts the non-negative fixed-point number integer + fraction&middot;2<sup>-64</sup>; see {@link #addFixed}. */
    public void subtractFixed(long integer, long fraction) {
        long borrow = Long.compareUnsigned(low, fraction) < 0 ? 1 : 0;
        low -= fraction;
        high -= integer + borrow;
    }

    /**
     * The integer part of a magnitude in [0, 2<sup>63</sup>), for {@link #addFixed}.
     *
     * @throws ArithmeticException for 2<sup>63</sup> or more
     */
    public static long integerPart(double magnitude) {
        if (!(magnitude < TWO_POW_63)) {
            throw new ArithmeticException("ExactSum: term magnitude " + magnitude + " exceeds 2^63");
        }
        return (long) magnitude; // floor, exact for magnitude < 2^63
    }

    /** The fraction of {@code magnitude} above {@code integer} in units of 2<sup>-64</sup>, as an unsigned long. */
    public static long fractionBits(double magnitude, long integer) {
        double fraction = magnitude - integer;         // exact: a double's fractional part is a double
        double scaled = fraction * TWO_POW_64;         // exact: scaling by a power of two
        return scaled >= TWO_POW_63                    // unsigned conversion; the subtraction is exact (Sterbenz)
                ? ((long) (scaled - TWO_POW_63)) | Long.MIN_VALUE
                : (long) scaled;
    }
}
