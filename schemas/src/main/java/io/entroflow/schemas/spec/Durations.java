package io.entroflow.schemas.spec;

import java.util.Locale;

/** Parses the spec's durations: digits and a unit {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}. */
public final class Durations {
    private Durations() {
    }

    /**
     * Milliseconds of {@code text}, e.g. {@code 500ms} &rarr; 500, {@code 2m} &rarr; 120000.
     *
     * @throws IllegalArgumentException naming {@code field} and the value when malformed
     */
    public static long parseMillis(String field, String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 15) {
            throw new IllegalArgumentException(field + ": expected a duration such as 500ms, 30s, 5m, got '" + text + "'");
        }
        long n = Long.parseLong(t.substring(0, i));
        switch (t.substring(i)) {
            case "ms": return n;
            case "s": return n * 1_000L;
            case "m": return n * 60_000L;
            case "h": return n * 3_600_000L;
            case "d": return n * 86_400_000L;
            default:
                throw new IllegalArgumentException(field + ": expected a unit ms, s, m, h or d, got '" + text + "'");
        }
    }
}
