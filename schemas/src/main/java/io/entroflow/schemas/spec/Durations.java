package io.entroflow.schemas.spec;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the spec's durations: digits and a unit {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}. */
public final class Durations {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)");
    /** Prometheus/Alertmanager durations: {@code 1w}, {@code 1h30m}, {@code 2d12h}, units in this order. */
    private static final Pattern PROMETHEUS = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] PROMETHEUS_UNITS = {365L * 86_400_000L, 7L * 86_400_000L, 86_400_000L, 3_600_000L,
        60_000L, 1_000L, 1L};

    private Durations() {
    }

    /**
     * Milliseconds of {@code text}: a number with a unit ({@code 500ms}, {@code 1.5s}, {@code 2m} or
     * {@code 2min}, {@code 1h}, {@code 1d}), a Prometheus duration ({@code 1w}, {@code 1h30m}, {@code 1y}) or
     * an ISO-8601 duration ({@code PT1S}); whole milliseconds, &ge; 0.
     *
     * @throws IllegalArgumentException naming {@code field} and the value when malformed
     */
    public static long parseMillis(String field, String text) {
        try {
            return millis(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link #parseMillis(String, String)} for a spec value at {@code path}.
     *
     * @throws SpecPathException naming the path and the value when malformed
     */
    public static long parseMillis(SpecPath path, String text) {
        try {
            return millis(text);
        } catch (IllegalArgumentException e) {
            throw new SpecPathException(path, e.getMessage(), e);
        }
    }

    /** Milliseconds of {@code text}. @throws IllegalArgumentException with the reason only (no field) */
    private static long millis(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
                    throw new IllegalArgumentException("expected a duration >= 0 in whole milliseconds, got '" + text + "'");
                }
                return d.toMillis();
            }
            Matcher m = WITH_UNIT.matcher(t);
            if (m.matches()) {
                long unit = switch (m.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m", "min" -> 60_000L;
                    case "h" -> 3_600_000L;
                    default -> 86_400_000L;
                };
                BigDecimal ms = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
                try {
                    return ms.longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("expected a duration in whole milliseconds, got '" + text + "'");
                }
            }
            Matcher prom = PROMETHEUS.matcher(t);
            if (!t.isEmpty() && prom.matches()) {
                long ms = 0;
                for (int i = 0; i < PROMETHEUS_UNITS.length; i++) {
                    if (prom.group(i + 1) != null) {
                        ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(prom.group(i + 1)), PROMETHEUS_UNITS[i]));
                    }
                }
                return ms;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("expected a duration like 500ms, 2s, 1m or PT1S, got '" + text + "'");
    }
}
