package io.entroflow.topology.alert;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alert fingerprints as Prometheus/Alertmanager compute them for a label set: FNV-1a 64 over the
 * labels sorted by name, each name and value followed by the separator byte 0xFF; 16 hex digits.
 */
public final class Fingerprints {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private Fingerprints() {
    }

    /** The fingerprint of {@code labels}. */
    public static String of(Map<String, String> labels) {
        long h = OFFSET;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            h = add(h, e.getKey());
            h = (h ^ 0xFF) * PRIME;
            h = add(h, e.getValue());
            h = (h ^ 0xFF) * PRIME;
        }
        return String.format("%016x", h);
    }

    private static long add(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= PRIME;
        }
        return h;
    }
}
