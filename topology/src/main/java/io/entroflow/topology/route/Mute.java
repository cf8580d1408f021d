package io.entroflow.topology.route;

import io.entroflow.schemas.wire.Silence;

import java.util.Map;

/**
 * A validated {@link Silence}: matchers parsed, times in epoch millis. Build one with {@link #of};
 * immutable.
 *
 * @param silence      the record as received
 * @param matchers     its matchers (never empty: a silence of everything is refused)
 * @param startsMillis start, inclusive
 * @param endsMillis   end, exclusive (&gt; start)
 */
public record Mute(Silence silence, LabelMatchers matchers, long startsMillis, long endsMillis) {

    /**
     * Validates {@code s}.
     *
     * @throws IllegalArgumentException one line naming the field and its value
     */
    public static Mute of(Silence s) {
        if (s.id() == null || s.id().isBlank()) {
            throw new IllegalArgumentException("id: missing, a silence needs an id");
        }
        LabelMatchers matchers;
        try {
            matchers = LabelMatchers.parse(s.matchers());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matchers: " + e.getMessage() + " in '" + s.matchers() + "'", e);
        }
        if (matchers.isEmpty()) {
            throw new IllegalArgumentException("matchers: a silence needs at least one matcher, got '" + s.matchers() + "'");
        }
        long start = s.startsAtMillis();
        long end = s.endsAtMillis();
        if (end <= start) {
            throw new IllegalArgumentException("ends_at: must be after starts_at " + s.startsAt() + ", got " + s.endsAt());
        }
        return new Mute(s, matchers, start, end);
    }

    public String id() {
        return silence.id();
    }

    /** True when the silence is in force at event time {@code t} and its matchers select {@code labels}. */
    public boolean mutes(Map<String, String> labels, long t) {
        return startsMillis <= t && t < endsMillis && matchers.matches(labels);
    }
}
