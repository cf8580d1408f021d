package io.entroflow.app.record;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses {@code --from}/{@code --to}: an ISO-8601 instant or offset date-time, or epoch milliseconds. */
public final class TimeArgument {
    private TimeArgument() {
    }

    /**
     * Epoch milliseconds of {@code text}: {@code 2026-12-03T10:15:30Z},
     * {@code 2026-12-03T11:15:30.250+01:00} or {@code 1764756930000}.
     *
     * @param option the option's name, for the message
     * @throws IllegalArgumentException naming the option and the text when it is neither
     */
    public static long parseMillis(String option, String text) {
        String t = text == null ? "" : text.trim();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                // too long: falls through to the message
            }
        } else {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                try {
                    return OffsetDateTime.parse(t).toInstant().toEpochMilli();
                } catch (DateTimeParseException | ArithmeticException e2) {
                    // falls through to the message
                }
            }
        }
        throw new IllegalArgumentException(option + ": expected an ISO-8601 instant like 2026-12-03T10:15:30Z"
                + " or epoch milliseconds, got '" + text + "'");
    }
}
