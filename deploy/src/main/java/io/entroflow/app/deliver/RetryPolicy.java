package io.entroflow.app.deliver;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How often and how patiently a notification is offered to a receiver: at most {@code maxAttempts}
 * attempts; before attempt {@code n + 1} (after {@code n} failures) a wait of
 *
 * <pre>  base(n)  = min(maxBackoff, initialBackoff · 2^(n−1))
 *   delay(n) = base(n) · (1 − jitter · u),   u ∈ [0, 1) </pre>
 *
 * where {@code u} is drawn from a {@link SplittableRandom} seeded with {@code seed}, the
 * notification's own seed and {@code n}: the schedule of one notification is reproducible (a
 * restarted worker waits the same), while notifications that failed together spread out instead
 * of retrying in lockstep. Cost: O(1) per delay.
 *
 * @param maxAttempts    attempts in all, first one included, &ge; 1
 * @param initialBackoff wait after the first failure, &gt; 0
 * @param maxBackoff     the longest wait, &ge; {@code initialBackoff}
 * @param jitter         the fraction of a wait drawn at random, in [0, 1]
 * @param seed           seed of the jitter
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter, long seed) {
    /** 6 attempts, 500 ms doubling to at most 30 s, half of each wait random, seed 0: about 16 s of retries. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), 0.5, 0);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts: expected >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initial backoff: expected > 0, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("max backoff: expected >= the initial backoff (" + initialBackoff
                    + "), got " + maxBackoff);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter: expected a fraction in [0, 1], got " + jitter);
        }
    }

    /**
     * The wait before the next attempt after {@code failures} failed ones.
     *
     * @param failures          failed attempts so far, 1 .. maxAttempts − 1
     * @param notificationSeed  a number stable for the notification (e.g. the hash of its idempotency key)
     */
    public Duration delay(int failures, long notificationSeed) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures: expected >= 1, got " + failures);
        }
        long base = base(failures);
        double u = new SplittableRandom(seed ^ (notificationSeed * 0x9E3779B97F4A7C15L) ^ failures).nextDouble();
        return Duration.ofNanos(Math.round(base * (1 - jitter * u)));
    }

    /** The sum of the longest waits a notification may go through (every attempt failing), without the requests' own time. */
    public Duration longestTotalWait() {
        long total = 0;
        for (int n = 1; n < maxAttempts; n++) {
            long b = base(n);
            total = total > Long.MAX_VALUE - b ? Long.MAX_VALUE : total + b;
        }
        return Duration.ofNanos(total);
    }

    /** {@code base(n)} in nanoseconds, without overflow. */
    private long base(int failures) {
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int shift = failures - 1;
        if (shift >= 62 || initial > (max >> shift)) {
            return max;
        }
        return Math.min(max, initial << shift);
    }
}
