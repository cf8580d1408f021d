package io.entroflow.operators.symbol;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps categorical values (strings or integers) to dense symbol ids 0, 1, 2, &hellip; in order of
 * first appearance, up to a cap. Past the cap every new value maps to one explicit overflow symbol
 * (id {@code capacity}) and is counted, so memory stays bounded under adversarial input.
 *
 * <p>The string {@code "1"} and the integer {@code 1} are different values.
 *
 * <p>Lookups and inserts are O(1) expected. Single-writer: {@link #idOf} from one thread;
 * {@link #labelOf}, {@link #distinct()} and {@link #overflowCount()} may be read from any thread
 * (they see a recent state; labels, once assigned, never change).
 */
public final class SymbolTable {
    /** Label reported for the overflow symbol. */
    public static final String OVERFLOW_LABEL = "<overflow>";

    private final int capacity;
    private final Map<Object, Integer> ids = new HashMap<>();
    private volatile String[] labels = new String[8];
    private volatile int distinct;
    private volatile long overflowCount;

    /** @param capacity the largest number of distinct values given their own id, 1 .. 2<sup>24</sup> */
    public SymbolTable(int capacity) {
        if (capacity < 1 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("alphabet.capacity: expected 1..2^24, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The id of a string value, assigning the next free id (or the overflow id) on first sight. */
    public int idOf(String value) {
        if (value == null) {
            throw new IllegalArgumentException("value: expected a string, got null");
        }
        return lookup(value, value);
    }

    /** The id of an integer value, assigning the next free id (or the overflow id) on first sight. */
    public int idOf(long value) {
        return lookup(value, Long.toString(value));
    }

    /** Maximum number of values with their own id. */
    public int capacity() {
        return capacity;
    }

    /** Number of symbol ids in use, including the overflow id: capacity + 1. */
    public int alphabetSize() {
        return capacity + 1;
    }

    /** The overflow symbol's id (= capacity). */
    public int overflowSymbol() {
        return capacity;
    }

    /** Distinct values given their own id so far. */
    public int distinct() {
        return distinct;
    }

    /** Number of lookups that fell into the overflow symbol. */
    public long overflowCount() {
        return overflowCount;
    }

    /** The value an id stands for, {@value #OVERFLOW_LABEL} for the overflow id. */
    public String labelOf(int id) {
        if (id == capacity) {
            return OVERFLOW_LABEL;
        }
        String[] l = labels;
        if (id < 0 || id >= distinct || id >= l.length) {
            throw new IllegalArgumentException("id: expected 0.." + (distinct - 1) + " or " + capacity + ", got " + id);
        }
        return l[id];
    }

    private int lookup(Object key, String label) {
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        int n = distinct;
        if (n >= capacity) {
            overflowCount++;
            return capacity;
        }
        String[] l = labels;
        if (n == l.length) {
            l = Arrays.copyOf(l, Math.min(capacity, l.length * 2));
        }
        l[n] = label;
        labels = l;
        ids.put(key, n);
        distinct = n + 1;
        return n;
    }
}
