package io.entroflow.app.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record header: a key and a value that may be null (Kafka allows both). Compared by content.
 */
public record RecordedHeader(String key, byte[] value) {

    public RecordedHeader {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + show(value);
    }

    static String show(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String s = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
        return "'" + s + (bytes.length > 64 ? "...'" : "'") + "(" + bytes.length + " B)";
    }
}
