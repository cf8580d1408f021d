package io.entroflow.operators.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an operator's exact state as bytes: the raw bits of every long and double (no
 * formatting, no rounding), so a state read back with {@link StateReader} continues
 * bit-identically. The format is private to the classes that write it; each starts with a tag
 * and a version that its reader checks.
 *
 * <p>Single-use, not thread-safe.
 */
public final class StateWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private final DataOutputStream out = new DataOutputStream(bytes);

    /** Writes a long. */
    public StateWriter putLong(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for an in-memory stream
        }
        return this;
    }

    /** Writes a double's raw bits. */
    public StateWriter putDouble(double v) {
        return putLong(Double.doubleToRawLongBits(v));
    }

    /** Writes an int. */
    public StateWriter putInt(int v) {
        try {
            out.writeInt(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return bytes.toByteArray();
    }
}
