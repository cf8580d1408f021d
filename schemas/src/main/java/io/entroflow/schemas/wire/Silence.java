package io.entroflow.schemas.wire;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One silence (schema {@code /schemas/silence.schema.json}): a record of the compacted silences
 * topic, keyed by {@link #id()}; a tombstone deletes it. A silence mutes the notifications of the
 * alerts its matchers select while {@code startsAt <= t < endsAt} in event time; the alerts are
 * still evaluated and written to the alert-events topic. It expires by itself at {@code endsAt}.
 *
 * @param id        the silence's id
 * @param matchers  Alertmanager matchers in the same syntax as {@link Subscription#match()}, e.g.
 *                  {@code {key="svc-a",rule=~"entropy.*"}}; must not be empty
 * @param startsAt  ISO-8601 instant the silence starts
 * @param endsAt    ISO-8601 instant it ends (exclusive)
 * @param createdBy who created it
 * @param comment   why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(String id, String matchers, @JsonProperty("starts_at") String startsAt,
                      @JsonProperty("ends_at") String endsAt, @JsonProperty("created_by") String createdBy,
                      String comment) {

    /** {@link #startsAt()} in epoch millis. @throws IllegalArgumentException naming the field and value */
    @JsonIgnore
    public long startsAtMillis() {
        return instant("starts_at", startsAt);
    }

    /** {@link #endsAt()} in epoch millis. @throws IllegalArgumentException naming the field and value */
    @JsonIgnore
    public long endsAtMillis() {
        return instant("ends_at", endsAt);
    }

    /** True when the silence is in force at event time {@code t} (millis): {@code startsAt <= t < endsAt}. */
    public boolean activeAt(long t) {
        return startsAtMillis() <= t && t < endsAtMillis();
    }

    private static long instant(String field, String text) {
        if (text == null) {
            throw new IllegalArgumentException(field + ": missing, expected an ISO-8601 instant like 2026-01-01T00:00:00Z");
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": expected an ISO-8601 instant like 2026-01-01T00:00:00Z, got '"
                    + text + "'", e);
        }
    }
}
