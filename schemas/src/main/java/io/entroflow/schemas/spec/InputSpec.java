package io.entroflow.schemas.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Where events come from and how to read them.
 *
 * @param topics   input topics (JSON events)
 * @param format   {@code json} (the only format so far)
 * @param key      the event key: the record key (default) or a field
 * @param time     the event time: the record timestamp (default) or a field
 * @param lateness how far behind its key's latest event time an event may arrive, e.g. {@code 5s}
 *                 (default {@code 0ms}); later events go to the dead-letter topic with reason {@code late}
 * @param align    how signals of different input topics are aligned in event time (absent: not aligned)
 * @param maxFuture    how far ahead of the wall clock an event time may be (default {@value #DEFAULT_MAX_FUTURE}, the
 *                     broker's default {@code log.message.timestamp.after.max.ms}), or {@value #OFF}; later events
 *                     go to the dead-letter topic with reason {@code out_of_range}. The one check that reads the wall clock
 * @param maxKeyBytes  the longest event key in bytes (default {@value #DEFAULT_MAX_KEY_BYTES}); longer keys go to the
 *                     dead-letter topic with reason {@code key_too_large}
 */
public record InputSpec(List<String> topics, String format, KeySpec key, TimeSpec time, String lateness,
                        AlignSpec align, @JsonProperty("max-future") String maxFuture,
                        @JsonProperty("max-key-bytes") Integer maxKeyBytes) {
    /** Default {@code max-future}: one hour, the broker's default {@code log.message.timestamp.after.max.ms}. */
    public static final String DEFAULT_MAX_FUTURE = "1h";
    /** {@code max-future: off}: no event time is too far ahead. */
    public static final String OFF = "off";
    /** Default {@code max-key-bytes}: 1 KiB. */
    public static final int DEFAULT_MAX_KEY_BYTES = 1024;

    /** The spec without the limits (each at its default). */
    public InputSpec(List<String> topics, String format, KeySpec key, TimeSpec time, String lateness, AlignSpec align) {
        this(topics, format, key, time, lateness, align, null, null);
    }

    public InputSpec {
        topics = topics == null ? List.of() : List.copyOf(topics);
        format = format == null ? "json" : format;
        key = key == null ? new KeySpec(null, null) : key;
        time = time == null ? new TimeSpec(null, null, null) : time;
        lateness = lateness == null ? "0ms" : lateness;
        maxFuture = maxFuture == null ? DEFAULT_MAX_FUTURE : maxFuture;
        maxKeyBytes = maxKeyBytes == null ? DEFAULT_MAX_KEY_BYTES : maxKeyBytes;
    }

    /** {@code max-future} in milliseconds, or -1 when {@link #maxFutureOff() off}. */
    public long maxFutureMillis() {
        return maxFutureOff() ? -1 : Durations.parseMillis("input.max-future", maxFuture);
    }

    /** True for {@code max-future: off} (YAML 1.1 reads a bare {@code off} as false: both mean off). */
    public boolean maxFutureOff() {
        return OFF.equals(maxFuture) || "false".equals(maxFuture);
    }

    /** Lateness in milliseconds. */
    public long latenessMillis() {
        return Durations.parseMillis("input.lateness", lateness);
    }

    /**
     * Alignment of signals read from different topics: per key, the last value of each signal in each
     * event-time bucket of width {@code bucket}, held from earlier buckets when a bucket has none.
     *
     * @param bucket bucket width, e.g. {@code 1s}
     */
    public record AlignSpec(String bucket) {
        /** Bucket width in milliseconds. */
        public long bucketMillis() {
            return Durations.parseMillis("input.align.bucket", bucket);
        }
    }

    /**
     * The event key.
     *
     * @param from  {@code record-key} or {@code field}; {@code field} when a field is given
     * @param field JSON pointer of the key field
     */
    public record KeySpec(String from, String field) {
        public KeySpec {
            from = from != null ? from : field != null ? "field" : "record-key";
        }

        /** True when the key is read from a field of the event. */
        public boolean fromField() {
            return "field".equals(from);
        }
    }

    /**
     * The event time.
     *
     * @param from   {@code record-timestamp} or {@code field}; {@code field} when a field is given
     * @param field  JSON pointer of the time field
     * @param format {@code auto} (a number is epoch millis, a string ISO-8601), {@code iso-8601}, {@code epoch-millis}
     */
    public record TimeSpec(String from, String field, String format) {
        public TimeSpec {
            from = from != null ? from : field != null ? "field" : "record-timestamp";
            format = format == null ? "auto" : format;
        }

        /** True when the time is read from a field of the event. */
        public boolean fromField() {
            return "field".equals(from);
        }
    }
}
