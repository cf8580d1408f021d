package io.entroflow.schemas.spec;

/**
 * An operator's window: exactly one of {@code count} (the last N events of the key) or {@code time}
 * (events within a span of event time, e.g. {@code 30s}).
 */
public record WindowSpec(Integer count, String time) {
    /** True for a count window. */
    public boolean isCount() {
        return count != null;
    }

    /** The time window's span in milliseconds. */
    public long spanMillis(String path) {
        return Durations.parseMillis(path + ".time", time);
    }
}
