package io.entroflow.operators.internal.joint;

import java.util.Arrays;

/**
 * How the variables of one event are packed into one {@code long}: each field holds a history
 * of {@code length} symbols of an alphabet of {@code alphabet} symbols, each symbol in
 * ceil(log<sub>2</sub> alphabet) bits, newest symbol in the lowest bits. A projection onto a set of
 * fields (a marginal or joint table) is then one bitwise AND with {@link #mask(int...)}: O(1).
 *
 * <p>Valid range: every alphabet 1 .. 2<sup>30</sup>, every length 0 .. 64 (0: the field is
 * absent), and the total width at most 62 bits; otherwise the constructor fails naming the
 * offending option and value, e.g. "k: 8 symbols of an alphabet of 256 need 64 bits".
 *
 * <p>Immutable and thread-safe.
 */
public final class JointCodeLayout {
    /** Widest packed code; keeps codes non-negative and clear of the reserved key. */
    public static final int MAX_BITS = 62;

    private final String[] names;
    private final int[] alphabets;
    private final int[] lengths;
    private final int[] symbolBits;
    private final int[] shifts;
    private final int totalBits;

    /**
     * @param names     option names of the fields, for error messages (e.g. "k", "l")
     * @param alphabets alphabet size of each field's symbols
     * @param lengths   symbols of history in each field (0 for an absent field)
     */
    public JointCodeLayout(String[] names, int[] alphabets, int[] lengths) {
        if (names.length != alphabets.length || names.length != lengths.length) {
            throw new IllegalArgumentException("fields: names, alphabets and lengths differ in count: "
                    + names.length + ", " + alphabets.length + ", " + lengths.length);
        }
        this.names = names.clone();
        this.alphabets = alphabets.clone();
        this.lengths = lengths.clone();
        this.symbolBits = new int[names.length];
        this.shifts = new int[names.length];
        int bits = 0;
        for (int f = 0; f < names.length; f++) {
            if (alphabets[f] < 1 || alphabets[f] > (1 << 30)) {
                throw new IllegalArgumentException(names[f] + ": alphabet must be 1..2^30, got " + alphabets[f]);
            }
            if (lengths[f] < 0 || lengths[f] > 64) {
                throw new IllegalArgumentException(names[f] + ": history length must be 0..64, got " + lengths[f]);
            }
            symbolBits[f] = bitsFor(alphabets[f]);
            shifts[f] = bits;
            int width = symbolBits[f] * lengths[f];
            bits += width;
            if (bits > MAX_BITS) {
                throw new IllegalArgumentException(names[f] + ": " + lengths[f] + " symbols of an alphabet of "
                        + alphabets[f] + " do not fit the " + MAX_BITS + "-bit joint code (all fields need "
                        + bits + " bits so far: " + describe(f) + "); use shorter histories or fewer symbols");
            }
        }
        this.totalBits = bits;
    }

    /** Bits needed for one symbol of an alphabet of {@code alphabet} symbols (0 for a single symbol). */
    public static int bitsFor(int alphabet) {
        return alphabet <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(alphabet - 1L);
    }

    /** Bits per symbol of field {@code f}. */
    public int symbolBits(int f) {
        return symbolBits[f];
    }

    /** Symbols of history in field {@code f}. */
    public int length(int f) {
        return lengths[f];
    }

    /** Alphabet of field {@code f}. */
    public int alphabet(int f) {
        return alphabets[f];
    }

    /** Total width of a packed code in bits. */
    public int totalBits() {
        return totalBits;
    }

    /** The bits of the given fields: ANDing a code with it projects the code onto those fields. */
    public long mask(int... fields) {
        long m = 0;
        for (int f : fields) {
            int width = symbolBits[f] * lengths[f];
            if (width > 0) {
                m |= ((1L << width) - 1) << shifts[f];
            }
        }
        return m;
    }

    /** Places a field's value (a history code from {@link LaggedHistory}) at its position. */
    public long place(int f, long value) {
        return value << shifts[f];
    }

    /** The value of field {@code f} in {@code code}. */
    public long field(long code, int f) {
        int width = symbolBits[f] * lengths[f];
        return width == 0 ? 0 : (code >>> shifts[f]) & ((1L << width) - 1);
    }

    private String describe(int upTo) {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f <= upTo; f++) {
            if (f > 0) {
                b.append(", ");
            }
            b.append(names[f]).append('=').append(lengths[f]).append("x").append(symbolBits[f]).append(" bits");
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "JointCodeLayout" + Arrays.toString(names) + " alphabets " + Arrays.toString(alphabets)
                + " lengths " + Arrays.toString(lengths);
    }
}
