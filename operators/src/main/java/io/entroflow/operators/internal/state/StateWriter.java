package io.entroflow.operators.internal.state;

import java.util.Arrays;

/**
 * Writes an operator's exact state as bytes: the raw bits of every long and double, big-endian (no
 * formatting, no rounding), so a state read back with {@link StateReader} continues
 * bit-identically. The format is private to the classes that write it; each starts with a tag and
 * a version that its reader checks.
 *
 * <p>Single-use, not thread-safe.
 */
public final class StateWriter {
    private byte[] bytes = new byte[256];
    private int size;

    /** Writes a long (big-endian). */
    public StateWriter putLong(long v) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** Writes a double's raw bits. */
    public StateWriter putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    /** Writes an int (big-endian). */
    public StateWriter putInt(int v) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** Writes a boolean as one int. */
    public StateWriter putBoolean(boolean v) {
        return putInt(v ? 1 : 0);
    }

    /** Writes the length and then every element. */
    public StateWriter putDoubles(double[] v) {
        putInt(v.length);
        for (double d : v) {
            putDouble(d);
        }
        return this;
    }

    /** Writes the length and then every element. */
    public StateWriter putLongs(long[] v) {
        putInt(v.length);
        for (long l : v) {
            putLong(l);
        }
        return this;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, 2 * bytes.length));
        }
    }
}
