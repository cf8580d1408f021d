package io.entroflow.operators.internal.state;

import io.entroflow.operators.internal.concurrent.SeqLock;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Reads what a {@link StateWriter} wrote, in the same order. A truncated or foreign state fails
 * with {@link IllegalArgumentException} naming what was expected.
 *
 * <p>Single-use, not thread-safe.
 */
public final class StateReader {
    private final ByteBuffer in;

    public StateReader(byte[] state) {
        this.in = ByteBuffer.wrap(state);
    }

    /**
     * Restores an operator: reads {@code state} with {@code body} inside a write section of
     * {@code lock} (so concurrent snapshot readers retry instead of seeing a half-restored state),
     * then checks that the whole state was read.
     */
    public static void restoreUnder(SeqLock lock, byte[] state, Consumer<StateReader> body) {
        StateReader in = new StateReader(state);
        lock.beginWrite();
        try {
            body.accept(in);
            in.expectEnd();
        } finally {
            lock.endWrite();
        }
    }

    /** Reads a long. */
    public long getLong() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("state: truncated at byte " + in.position(), e);
        }
    }

    /** Reads a double from its raw bits. */
    public double getDouble() {
        return Double.longBitsToDouble(getLong());
    }

    /** Reads an int. */
    public int getInt() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("state: truncated at byte " + in.position(), e);
        }
    }

    /** Reads a boolean. */
    public boolean getBoolean() {
        return getInt() != 0;
    }

    /** Reads a length-prefixed double array. */
    public double[] getDoubles() {
        double[] v = new double[checkedLength(Double.BYTES)];
        for (int i = 0; i < v.length; i++) {
            v[i] = getDouble();
        }
        return v;
    }

    /** Reads a length-prefixed long array. */
    public long[] getLongs() {
        long[] v = new long[checkedLength(Long.BYTES)];
        for (int i = 0; i < v.length; i++) {
            v[i] = getLong();
        }
        return v;
    }

    /**
     * Checks a tag and version written by the state's writer.
     *
     * @throws IllegalArgumentException when they differ (a state of another kind or version)
     */
    public void expect(int tag, int version, String what) {
        int t = getInt();
        int v = getInt();
        if (t != tag || v != version) {
            throw new IllegalArgumentException("state: expected " + what + " version " + version + ", got tag "
                    + Integer.toHexString(t) + " version " + v);
        }
    }

    /**
     * Reads {@code expected.length} bytes and tells whether they equal {@code expected}: a
     * configuration fingerprint (what the owner's own {@link StateWriter} writes for its
     * configuration) compared with the one in the state.
     *
     * @throws IllegalArgumentException when fewer bytes remain (a truncated state)
     */
    public boolean matches(byte[] expected) {
        if (in.remaining() < expected.length) {
            throw new IllegalArgumentException("state: truncated at byte " + in.limit());
        }
        boolean same = true;
        for (byte b : expected) {
            same &= in.get() == b;
        }
        return same;
    }

    /**
     * Checks that every byte was read.
     *
     * @throws IllegalArgumentException when bytes remain
     */
    public void expectEnd() {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("state: " + in.remaining() + " unexpected bytes at the end");
        }
    }

    private int checkedLength(int elementBytes) {
        int n = getInt();
        if (n < 0 || (long) n * elementBytes > in.remaining()) {
            throw new IllegalArgumentException("state: array length " + n + " exceeds the " + in.remaining()
                    + " bytes left");
        }
        return n;
    }
}
