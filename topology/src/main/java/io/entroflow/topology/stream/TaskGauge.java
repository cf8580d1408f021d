package io.entroflow.topology.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One gauge of an instance summed over the tasks it runs now: each task's processor publishes its own
 * value in its slot ({@link #of}) on its stream thread, drops it when it closes ({@link #forget}: the
 * task left this instance, or the monitor stops), and any thread reads the {@link #sum}. Thread-safe;
 * O(1) per slot access, O(tasks) per sum.
 */
final class TaskGauge {
    private final Map<String, AtomicLong> byTask = new ConcurrentHashMap<>();

    /** The task's slot (created at 0). */
    AtomicLong of(String task) {
        return byTask.computeIfAbsent(task, t -> new AtomicLong());
    }

    /** Drops the task's slot. */
    void forget(String task) {
        byTask.remove(task);
    }

    /** The sum over the tasks' slots. */
    long sum() {
        long n = 0;
        for (AtomicLong v : byTask.values()) {
            n += v.get();
        }
        return n;
    }
}
