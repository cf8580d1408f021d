package io.entroflow.topology.stream;

import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Per-key records a processor changed but has not put yet, for a store that takes deferred writes
 * ({@link DeferredWrites}): a change marks the key's state {@link Held#dirty} and lists it once;
 * {@link #putAll} (the store's write-through) puts each listed state that is still dirty, and
 * {@link #putIfChanged} puts one (before its records are read back, or when it leaves the cache). So
 * the store holds the same at every write-through as if every change were put at once, and a change
 * costs a flag instead of an encoding and a put.
 *
 * <p>The list keeps each state once ({@link Held#listed}); states put since they were listed are
 * dropped from it when it reaches twice the {@code bound} (at least 64), so it holds O(bound) states
 * between write-throughs. Not thread-safe: one stream thread.
 *
 * @param <S> the per-key state
 */
final class HeldBackWrites<S extends HeldBackWrites.Held> {
    /** A per-key state whose changes may be held back. */
    abstract static class Held {
        /** Changed since last put. */
        boolean dirty;
        /** On the list of changed states. */
        boolean listed;
    }

    private final ArrayList<S> listed = new ArrayList<>();
    private final Consumer<S> put;
    private final IntSupplier bound;

    /**
     * @param put   encodes and puts a state's records
     * @param bound the number of states that may be dirty at once (the cache's size)
     */
    HeldBackWrites(Consumer<S> put, IntSupplier bound) {
        this.put = put;
        this.bound = bound;
    }

    /** The state changed: put it at the next write-through, unless it is put before. O(1) amortised. */
    void changed(S s) {
        s.dirty = true;
        if (!s.listed) {
            if (listed.size() >= 2 * Math.max(64, bound.getAsInt())) {
                listed.removeIf(HeldBackWrites::unlist);
            }
            s.listed = true;
            listed.add(s);
        }
    }

    /** Puts the state if it changed since it was last put. */
    void putIfChanged(S s) {
        if (s.dirty) {
            s.dirty = false;
            put.accept(s);
        }
    }

    /** Drops the state's held-back change without putting it (its records were deleted or restored). */
    void discard(S s) {
        s.dirty = false;
    }

    /** Puts every state that changed since it was last put (the store writes through). */
    void putAll() {
        for (int i = 0; i < listed.size(); i++) {
            S s = listed.get(i);
            putIfChanged(s);
            s.listed = false;
        }
        listed.clear();
    }

    private static boolean unlist(Held s) {
        if (s.dirty) {
            return false;
        }
        s.listed = false;
        return true;
    }
}
