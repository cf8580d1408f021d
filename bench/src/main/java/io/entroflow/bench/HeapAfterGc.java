package io.entroflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * The live heap of this JVM: a full collection ({@link System#gc()}, stop-the-world with G1 unless
 * {@code -XX:+ExplicitGCInvokesConcurrent}), then the sum over the heap pools of their usage after
 * that collection ({@link MemoryPoolMXBean#getCollectionUsage()}), which counts what survived it and
 * nothing allocated since. Costs one full GC: the benchmarks call it once per sample (tens of seconds).
 */
final class HeapAfterGc {
    private HeapAfterGc() {
    }

    /** Bytes of heap in use right after a full collection. */
    static long bytes() {
        System.gc();
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }

    /** The largest heap this JVM may use ({@code -Xmx}). */
    static long maxBytes() {
        return Runtime.getRuntime().maxMemory();
    }
}
