package io.entroflow.app.analyze;

import io.entroflow.schemas.spec.Durations;

/**
 * Parses a duration option into whole milliseconds: a number with a unit ({@code 500ms},
 * {@code 2s}, {@code 1.5s}, {@code 3m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT1S},
 * {@code PT0.25S}). Negative durations and fractions of a millisecond are errors naming the
 * option and the value.
 */
final class DurationText {
    private DurationText() {
    }

    /** {@link Durations#parseMillis}, failing with a {@link BadInputException} (exit status 2). */
    static long millis(String option, String text) {
        try {
            return Durations.parseMillis(option, text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
