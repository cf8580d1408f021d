package io.entroflow.operators.internal.joint;
import io.entroflow.operators.internal.state.StateReader;
import io.entroflow.operators.internal.state.StateWriter;

/**
 * The code of a variable's past used to predict the event now arriving: the {@code length}
 * symbols ending {@code delay} events before it, i.e. for event t the symbols
 * s<sub>t&minus;delay&minus;length+1</sub> .. s<sub>t&minus;delay</sub>, newest in the lowest bits,
 * {@code symbolBits} bits each.
 *
 * <p>Use: before admitting event t, ask {@link #ready()} and {@link #code()}; then
 * {@link #push(int)} its symbol. O(1) per event: a rolling code and a ring of the last
 * {@code delay} rolling codes. Length 0 gives the empty history (code 0, always ready).
 *
 * <p>Single-writer, not thread-safe.
 */
public final class LaggedHistory {
    private final int symbolBits;
    private final int length;
    private final int delay;
    private final long mask;
    private final long[] ring;
    private long rolling;
    private long pushed;
    private int slot; // pushed mod delay

    /**
     * @param symbolBits bits per symbol, 0..30
     * @param length     symbols of history, 0..64 with symbolBits&middot;length &le; 62
     * @param delay      events between the newest history symbol and the predicted event, &ge; 1
     */
    public LaggedHistory(int symbolBits, int length, int delay) {
        if (delay < 1 || delay > (1 << 24)) {
            throw new IllegalArgumentException("delay: must be 1..2^24, got " + delay);
        }
        if (length < 0 || (long) symbolBits * length > JointCodeLayout.MAX_BITS) {
            throw new IllegalArgumentException("length: " + length + " symbols of " + symbolBits
                    + " bits exceed " + JointCodeLayout.MAX_BITS + " bits");
        }
        this.symbolBits = symbolBits;
        this.length = length;
        this.delay = delay;
        int width = symbolBits * length;
        this.mask = width == 0 ? 0 : (1L << width) - 1;
        this.ring = new long[length == 0 ? 1 : delay];
    }

    /** Whether the history for the next event is complete (enough symbols have been pushed). */
    public boolean ready() {
        return length == 0 || pushed >= delay + length - 1L;
    }

    /** The history code for the next event; meaningful when {@link #ready()}. */
    public long code() {
        return length == 0 ? 0 : ring[slot];
    }

    /** Appends the symbol of the event just admitted. */
    public void push(int symbol) {
        if (length == 0) {
            pushed++;
            return;
        }
        rolling = ((rolling << symbolBits) | symbol) & mask;
        ring[slot] = rolling;
        slot = slot + 1 == delay ? 0 : slot + 1;
        pushed++;
    }

    /** Writes the rolling code, the ring and the count pushed. O(delay). */
    public void writeState(StateWriter out) {
        out.putLong(rolling).putLong(pushed).putInt(slot).putLongs(ring);
    }

    /**
     * Replaces the state with one written by {@link #writeState} from a history of the same shape.
     *
     * @throws IllegalArgumentException for another shape or a corrupt state
     */
    public void readState(StateReader in) {
        long r = in.getLong();
        long p = in.getLong();
        int s = in.getInt();
        long[] saved = in.getLongs();
        if (saved.length != ring.length || s < 0 || s >= ring.length || p < 0) {
            throw new IllegalArgumentException("state: lagged history of " + saved.length + " codes restored into "
                    + ring.length);
        }
        rolling = r;
        pushed = p;
        slot = s;
        System.arraycopy(saved, 0, ring, 0, ring.length);
    }
}
