package io.entroflow.schemas.wire;

import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an {@link AggregateRecord} as JSON with exactly the bytes of {@link JsonSerde}'s Jackson
 * mapper, without Jackson's per-record machinery (the aggregates sink of the live monitor and of the
 * backtest writes one per key, operator and interval). The fields in declaration order, null ones
 * left out ({@code NON_NULL}; {@link Provenance}'s null topic is written as {@code null}), numbers
 * as {@link Long#toString} and {@link Double#toString} ({@code NaN} and the infinities as strings),
 * strings with {@code "}, {@code \} and the control characters escaped as Jackson does (short
 * forms {@code \b \t \n \f \r}, otherwise {@code \}{@code u00XX}). A record holding a character
 * beyond ASCII in any string (or without a monitor name) is handed to Jackson whole (its UTF-8 and surrogate handling are not
 * repeated here). {@code AggregateJsonTest} checks the bytes against Jackson on random and edge-case
 * records. Thread-safe (no shared state); O(output bytes).
 */
public final class AggregateJson {
    private static final Serializer<AggregateRecord> JACKSON = JsonSerde.of(AggregateRecord.class).serializer();
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private AggregateJson() {
    }

    /** A serializer writing {@link #write}'s bytes (null for a null record, as {@link JsonSerde}). */
    public static Serializer<AggregateRecord> serializer() {
        return (topic, r) -> {
            if (r == null) {
                return null;
            }
            byte[] b = write(r);
            return b != null ? b : JACKSON.serialize(topic, r);
        };
    }

    /**
     * The record's JSON, byte for byte Jackson's; null if one of its strings holds a character beyond
     * ASCII or it has no monitor name (left to Jackson).
     */
    static byte[] write(AggregateRecord r) {
        if (r.monitor() == null) {
            return null;
        }
        Out o = new Out();
        o.raw("{\"monitor\":");
        boolean ok = o.str(r.monitor());
        if (r.key() != null) {
            o.raw(",\"key\":");
            ok &= o.str(r.key());
        }
        if (r.operator() != null) {
            o.raw(",\"operator\":");
            ok &= o.str(r.operator());
        }
        if (r.type() != null) {
            o.raw(",\"type\":");
            ok &= o.str(r.type());
        }
        if (r.signals() != null) {
            o.raw(",\"signals\":[");
            List<String> signals = r.signals();
            for (int i = 0; i < signals.size(); i++) {
                if (i > 0) {
                    o.raw(",");
                }
                ok &= o.str(signals.get(i));
            }
            o.raw("]");
        }
        o.raw(",\"time\":");
        o.number(r.time());
        o.raw(",\"value\":");
        o.number(r.value());
        if (r.unit() != null) {
            o.raw(",\"unit\":");
            ok &= o.str(r.unit());
        }
        o.raw(",\"window_start\":");
        o.number(r.windowStart());
        o.raw(",\"window_end\":");
        o.number(r.windowEnd());
        o.raw(",\"events\":");
        o.number(r.events());
        o.raw(",\"events_seen\":");
        o.number(r.eventsSeen());
        if (r.pValue() != null) {
            o.raw(",\"p_value\":");
            o.number(r.pValue());
        }
        if (r.regime() != null) {
            o.raw(",\"regime\":");
            o.number(r.regime());
        }
        Provenance p = r.provenance();
        if (p != null) {
            o.raw(",\"provenance\":{\"topic\":");
            ok &= o.str(p.topic());
            o.raw(",\"partition\":");
            o.number(p.partition());
            o.raw(",\"offset_from\":");
            o.number(p.offsetFrom());
            o.raw(",\"offset_to\":");
            o.number(p.offsetTo());
            o.raw("}");
        }
        if (r.trigger() != null) {
            o.raw(",\"trigger\":");
            ok &= o.str(r.trigger());
        }
        if (r.overflowed() != null) {
            o.raw(",\"overflowed\":");
            o.number(r.overflowed());
        }
        if (r.warmingUp() != null) {
            o.raw(r.warmingUp() ? ",\"warming_up\":true" : ",\"warming_up\":false");
        }
        if (r.detections() != null) {
            o.raw(",\"detections\":[");
            List<AlertRecord.Detection> detections = r.detections();
            for (int i = 0; i < detections.size(); i++) {
                if (i > 0) {
                    o.raw(",");
                }
                ok &= detection(o, detections.get(i));
            }
            o.raw("]");
        }
        o.raw("}");
        return ok ? o.bytes() : null;
    }

    private static boolean detection(Out o, AlertRecord.Detection d) {
        if (d == null) {
            o.raw("null");
            return true;
        }
        boolean ok = true;
        char sep = '{';
        if (d.method() != null) {
            o.raw("{\"method\":");
            ok = o.str(d.method());
            sep = ',';
        }
        sep = optional(o, sep, "\"p_value\":", d.pValue());
        sep = optional(o, sep, "\"alpha\":", d.alpha());
        sep = optional(o, sep, "\"statistic\":", d.statistic());
        sep = optional(o, sep, "\"threshold\":", d.threshold());
        o.one(sep);
        o.raw(d.warmingUp() ? "\"warming_up\":true" : "\"warming_up\":false");
        if (d.rule() != null) {
            o.raw(",\"rule\":");
            ok &= o.str(d.rule());
        }
        optional(o, ',', "\"fdr_level\":", d.fdrLevel());
        o.raw("}");
        return ok;
    }

    /** Writes {@code sep name value} unless the value is null; the separator of the next field. */
    private static char optional(Out o, char sep, String name, Double value) {
        if (value == null) {
            return sep;
        }
        o.one(sep);
        o.raw(name);
        o.number(value);
        return ',';
    }

    /** A growing byte buffer of ASCII output. */
    private static final class Out {
        private byte[] b = new byte[384];
        private int n;

        void one(char c) {
            ensure(1);
            b[n++] = (byte) c;
        }

        /** Appends an ASCII constant. */
        void raw(String s) {
            int len = s.length();
            ensure(len);
            for (int i = 0; i < len; i++) {
                b[n++] = (byte) s.charAt(i);
            }
        }

        void number(long v) {
            raw(Long.toString(v));
        }

        void number(double v) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                one('"');
                raw(Double.toString(v));
                one('"');
            } else {
                raw(Double.toString(v));
            }
        }

        /** Appends the string as a JSON string ({@code null} for null); false if it holds a character beyond ASCII. */
        boolean str(String s) {
            if (s == null) {
                raw("null");
                return true;
            }
            int len = s.length();
            ensure(len + 2);
            b[n++] = '"';
            for (int i = 0; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                if (c >= 0x20 && c != '"' && c != '\\') {
                    ensure(1);
                    b[n++] = (byte) c;
                    continue;
                }
                ensure(6);
                b[n++] = '\\';
                switch (c) {
                    case '"', '\\' -> b[n++] = (byte) c;
                    case '\b' -> b[n++] = 'b';
                    case '\t' -> b[n++] = 't';
                    case '\n' -> b[n++] = 'n';
                    case '\f' -> b[n++] = 'f';
                    case '\r' -> b[n++] = 'r';
                    default -> {
                        b[n++] = 'u';
                        b[n++] = '0';
                        b[n++] = '0';
                        b[n++] = HEX[c >> 4];
                        b[n++] = HEX[c & 0xF];
                    }
                }
            }
            ensure(1);
            b[n++] = '"';
            return true;
        }

        private void ensure(int more) {
            if (n + more > b.length) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + more));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(b, n);
        }
    }
}
