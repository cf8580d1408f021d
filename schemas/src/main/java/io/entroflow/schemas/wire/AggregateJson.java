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
    private static final byte[] NULL = ascii("null");
    // the constant parts of the output (field names with their separators), in order of first use
    private static final byte[] OPEN_MONITOR = ascii("{\"monitor\":");
    private static final byte[] KEY = ascii(",\"key\":");
    private static final byte[] OPERATOR = ascii(",\"operator\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] SIGNALS = ascii(",\"signals\":[");
    private static final byte[] COMMA = ascii(",");
    private static final byte[] CLOSE_ARRAY = ascii("]");
    private static final byte[] TIME = ascii(",\"time\":");
    private static final byte[] VALUE = ascii(",\"value\":");
    private static final byte[] UNIT = ascii(",\"unit\":");
    private static final byte[] WINDOW_START = ascii(",\"window_start\":");
    private static final byte[] WINDOW_END = ascii(",\"window_end\":");
    private static final byte[] EVENTS = ascii(",\"events\":");
    private static final byte[] EVENTS_SEEN = ascii(",\"events_seen\":");
    private static final byte[] P_VALUE = ascii(",\"p_value\":");
    private static final byte[] REGIME = ascii(",\"regime\":");
    private static final byte[] PROVENANCE_TOPIC = ascii(",\"provenance\":{\"topic\":");
    private static final byte[] PARTITION = ascii(",\"partition\":");
    private static final byte[] OFFSET_FROM = ascii(",\"offset_from\":");
    private static final byte[] OFFSET_TO = ascii(",\"offset_to\":");
    private static final byte[] CLOSE_OBJECT = ascii("}");
    private static final byte[] TRIGGER = ascii(",\"trigger\":");
    private static final byte[] OVERFLOWED = ascii(",\"overflowed\":");
    private static final byte[] DETECTIONS = ascii(",\"detections\":[");
    private static final byte[] OPEN_METHOD = ascii("{\"method\":");
    private static final byte[] RULE = ascii(",\"rule\":");
    private static final byte[] WARMING_UP_TRUE = ascii(",\"warming_up\":true");
    private static final byte[] WARMING_UP_FALSE = ascii(",\"warming_up\":false");
    private static final byte[] DETECTION_WARMING_UP_TRUE = ascii("\"warming_up\":true");
    private static final byte[] DETECTION_WARMING_UP_FALSE = ascii("\"warming_up\":false");
    private static final byte[] DETECTION_P_VALUE = ascii("\"p_value\":");
    private static final byte[] DETECTION_ALPHA = ascii("\"alpha\":");
    private static final byte[] DETECTION_STATISTIC = ascii("\"statistic\":");
    private static final byte[] DETECTION_THRESHOLD = ascii("\"threshold\":");
    private static final byte[] DETECTION_FDR_LEVEL = ascii("\"fdr_level\":");

    /** Each thread's buffer, reused for every record it writes (a record's bytes are copied out of it). */
    private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(Out::new);

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
        Out o = OUT.get();
        o.n = 0;
        if (o.b.length > 1 << 16) {
            o.b = new byte[384]; // one huge record does not pin a huge buffer
        }
        o.raw(OPEN_MONITOR);
        boolean ok = o.str(r.monitor());
        if (r.key() != null) {
            o.raw(KEY);
            ok &= o.str(r.key());
        }
        if (r.operator() != null) {
            o.raw(OPERATOR);
            ok &= o.str(r.operator());
        }
        if (r.type() != null) {
            o.raw(TYPE);
            ok &= o.str(r.type());
        }
        if (r.signals() != null) {
            o.raw(SIGNALS);
            List<String> signals = r.signals();
            for (int i = 0; i < signals.size(); i++) {
                if (i > 0) {
                    o.raw(COMMA);
                }
                ok &= o.str(signals.get(i));
            }
            o.raw(CLOSE_ARRAY);
        }
        o.raw(TIME);
        o.number(r.time());
        o.raw(VALUE);
        o.number(r.value());
        if (r.unit() != null) {
            o.raw(UNIT);
            ok &= o.str(r.unit());
        }
        o.raw(WINDOW_START);
        o.number(r.windowStart());
        o.raw(WINDOW_END);
        o.number(r.windowEnd());
        o.raw(EVENTS);
        o.number(r.events());
        o.raw(EVENTS_SEEN);
        o.number(r.eventsSeen());
        if (r.pValue() != null) {
            o.raw(P_VALUE);
            o.number(r.pValue());
        }
        if (r.regime() != null) {
            o.raw(REGIME);
            o.number(r.regime());
        }
        Provenance p = r.provenance();
        if (p != null) {
            o.raw(PROVENANCE_TOPIC);
            ok &= o.str(p.topic());
            o.raw(PARTITION);
            o.number(p.partition());
            o.raw(OFFSET_FROM);
            o.number(p.offsetFrom());
            o.raw(OFFSET_TO);
            o.number(p.offsetTo());
            o.raw(CLOSE_OBJECT);
        }
        if (r.trigger() != null) {
            o.raw(TRIGGER);
            ok &= o.str(r.trigger());
        }
        if (r.overflowed() != null) {
            o.raw(OVERFLOWED);
            o.number(r.overflowed());
        }
        if (r.warmingUp() != null) {
            o.raw(r.warmingUp() ? WARMING_UP_TRUE : WARMING_UP_FALSE);
        }
        if (r.detections() != null) {
            o.raw(DETECTIONS);
            List<AlertRecord.Detection> detections = r.detections();
            for (int i = 0; i < detections.size(); i++) {
                if (i > 0) {
                    o.raw(COMMA);
                }
                ok &= detection(o, detections.get(i));
            }
            o.raw(CLOSE_ARRAY);
        }
        o.raw(CLOSE_OBJECT);
        return ok ? o.bytes() : null;
    }

    private static boolean detection(Out o, AlertRecord.Detection d) {
        if (d == null) {
            o.raw(NULL);
            return true;
        }
        boolean ok = true;
        char sep = '{';
        if (d.method() != null) {
            o.raw(OPEN_METHOD);
            ok = o.str(d.method());
            sep = ',';
        }
        sep = optional(o, sep, DETECTION_P_VALUE, d.pValue());
        sep = optional(o, sep, DETECTION_ALPHA, d.alpha());
        sep = optional(o, sep, DETECTION_STATISTIC, d.statistic());
        sep = optional(o, sep, DETECTION_THRESHOLD, d.threshold());
        o.one(sep);
        o.raw(d.warmingUp() ? DETECTION_WARMING_UP_TRUE : DETECTION_WARMING_UP_FALSE);
        if (d.rule() != null) {
            o.raw(RULE);
            ok &= o.str(d.rule());
        }
        optional(o, ',', DETECTION_FDR_LEVEL, d.fdrLevel());
        o.raw(CLOSE_OBJECT);
        return ok;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code sep name value} unless the value is null; the separator of the next field. */
    private static char optional(Out o, char sep, byte[] name, Double value) {
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

        /** Appends ASCII bytes. */
        void raw(byte[] ascii) {
            ensure(ascii.length);
            System.arraycopy(ascii, 0, b, n, ascii.length);
            n += ascii.length;
        }

        /** Appends an ASCII string. */
        void raw(String s) {
            int len = s.length();
            ensure(len);
            for (int i = 0; i < len; i++) {
                b[n++] = (byte) s.charAt(i);
            }
        }

        /** {@link Long#toString}'s characters, written in place. */
        void number(long v) {
            if (v == Long.MIN_VALUE) {
                raw(Long.toString(v));
                return;
            }
            ensure(20);
            if (v < 0) {
                b[n++] = '-';
                v = -v;
            }
            int digits = 1;
            for (long t = v; t >= 10; t /= 10) {
                digits++;
            }
            for (int i = n + digits - 1; i >= n; i--, v /= 10) {
                b[i] = (byte) ('0' + v % 10);
            }
            n += digits;
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
                raw(NULL);
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
