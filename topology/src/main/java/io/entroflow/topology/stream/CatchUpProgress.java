package io.entroflow.topology.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per task and operator, the event time up to which the operator has emitted every key's interval
 * aggregates: written by the operator's processor after each catch-up that left no due key behind
 * ({@link EmissionPolicy#completeUpTo}; catch-ups run in slices), read by the task's rules processor,
 * whose rule timers may fire only up to it ({@link RuleTimers}). In memory only: cleared when the
 * operator's processor (re)starts, so after a restart nothing is complete until its first full
 * catch-up (a delay, never a different output). Each entry is written and read by its task's stream
 * thread; the map is shared by the instance's threads.
 */
final class CatchUpProgress {
    private final Map<String, Long> complete = new ConcurrentHashMap<>();

    /** The operator's processor of {@code task} (re)started or closed: nothing is known complete. */
    void reset(String task, String operator) {
        complete.remove(key(task, operator));
    }

    /** Every aggregate of the operator in {@code task} up to {@code time} is emitted ({@code Long.MIN_VALUE}: nothing new). */
    void completeUpTo(String task, String operator, long time) {
        if (time != Long.MIN_VALUE) {
            complete.merge(key(task, operator), time, Math::max);
        }
    }

    /** The time up to which the operator's aggregates in {@code task} are complete, or {@code Long.MIN_VALUE}. */
    long completeUpTo(String task, String operator) {
        return complete.getOrDefault(key(task, operator), Long.MIN_VALUE);
    }

    private static String key(String task, String operator) {
        return task + '\u0000' + operator;
    }
}
