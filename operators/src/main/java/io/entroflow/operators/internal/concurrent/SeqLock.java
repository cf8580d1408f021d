package io.entroflow.operators.internal.concurrent;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Supplier;

/**
 * A sequence lock for one writer and any number of readers: the writer never waits, a reader
 * retries until it has read a state no write overlapped.
 *
 * <p>The writer brackets each change with {@link #beginWrite()} and {@link #endWrite()}; the
 * version is odd while a change is in progress. A reader calls {@link #read(Supplier)} with a
 * function that copies what it needs from the guarded fields; the copy is returned only if the
 * version was even and unchanged across the copy. The copying function must tolerate reading
 * fields mid-change (it may see garbage that is then discarded) and must not throw on it: read
 * array lengths once, clamp indices.
 *
 * <p>Cost to the writer: two ordered stores per change (plain stores on x86). Readers may retry
 * under a continuously busy writer; each attempt is short when the copied state is small.
 *
 * <p>Thread safety: {@code beginWrite}/{@code endWrite} from one thread only; {@code read} from
 * any thread.
 */
public final class SeqLock {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(SeqLock.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through VERSION
    private volatile long version;

    /** Marks the start of a change. Writer thread only. */
    public void beginWrite() {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence();
    }

    /** Publishes the change. Writer thread only. */
    public void endWrite() {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setRelease(this, v + 1);
    }

    /**
     * Returns a copy made by {@code copier} that no write overlapped, retrying as needed.
     */
    public <T> T read(Supplier<T> copier) {
        while (true) {
            long before = (long) VERSION.getAcquire(this);
            if ((before & 1L) == 0) {
                T copy;
                try {
                    copy = copier.get();
                } catch (RuntimeException tornRead) {
                    copy = null; // a torn read may index out of bounds; retry
                }
                VarHandle.loadLoadFence();
                long after = (long) VERSION.getAcquire(this);
                if (before == after && copy != null) {
                    return copy;
                }
            }
            Thread.onSpinWait();
        }
    }
}
