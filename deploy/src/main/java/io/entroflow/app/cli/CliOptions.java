package io.entroflow.app.cli;

import io.entroflow.schemas.spec.Durations;

import java.time.Instant;

/** Option values the commands check themselves (beyond picocli's type conversion), failing with status 2. */
final class CliOptions {
    private CliOptions() {
    }

    /** A duration option ({@code 500ms}, {@code 5s}, {@code PT1S}) in milliseconds, &ge; 0. */
    static long millis(String option, String text) {
        try {
            return Durations.parseMillis(option, text);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage(), e);
        }
    }

    /** A duration option in milliseconds, &gt; 0. */
    static long positiveMillis(String option, String text) {
        long ms = millis(option, text);
        if (ms <= 0) {
            throw CommandFailure.usage(option + ": expected a duration > 0, got '" + text + "'");
        }
        return ms;
    }

    /**
     * True when {@code t} has an epoch-millisecond value (years about -292 million to 292 million),
     * as every time in the routing records must: {@link Instant} itself reaches the year 10^9. O(1).
     */
    static boolean inEpochMillis(Instant t) {
        try {
            t.toEpochMilli();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
