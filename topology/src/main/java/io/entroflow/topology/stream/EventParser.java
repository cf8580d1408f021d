package io.entroflow.topology.stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.entroflow.schemas.spec.InputSpec;
import io.entroflow.schemas.wire.ParsedEvent;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.plan.PlannedSignal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one input record into a {@link ParsedEvent} (key, event time, raw signal values) or
 * explains why it cannot ({@link BadEvent}). Fields are addressed by JSON pointer and read in one
 * streaming pass ({@link PointerReader}), with the same outcome as pointer lookups on a parsed tree. Event time: a
 * number is epoch milliseconds, a string ISO-8601 (with offset or {@code Z}); valid range
 * 0 .. 9999-12-31, and at most {@code input.max-future} ahead of the wall clock (the one check that
 * reads the clock: the broker refuses records stamped further ahead than its
 * {@code log.message.timestamp.after.max.ms}, and the monitor's outputs carry event times). Keys: the
 * record key's bytes decoded one-to-one ({@link StoreKeys#eventKey}), at most {@code input.max-key-bytes}.
 * Stateless and thread-safe.
 */
public final class EventParser {
    /** Latest accepted event time: 9999-12-31T23:59:59.999Z. */
    public static final long MAX_TIME = 253_402_300_799_999L;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final InputSpec input;
    private final List<PlannedSignal> signals;
    private final JsonPointer keyPointer;
    private final JsonPointer timePointer;
    private final JsonPointer[] signalPointers;
    private final PointerReader fields;
    private final Clock clock;
    private final long maxFutureMillis;
    private final int maxKeyBytes;

    /** A parser that reads the system clock for {@code input.max-future}. */
    public EventParser(MonitorPlan plan) {
        this(plan, Clock.systemUTC());
    }

    /** A parser that reads {@code clock} for {@code input.max-future} (tests: a fixed clock). */
    public EventParser(MonitorPlan plan, Clock clock) {
        this.clock = clock;
        this.maxFutureMillis = plan.spec().input().maxFutureMillis();
        this.maxKeyBytes = plan.spec().input().maxKeyBytes();
        this.input = plan.spec().input();
        this.signals = plan.signals();
        this.keyPointer = input.key().fromField() ? JsonPointer.compile(input.key().field()) : null;
        this.timePointer = input.time().fromField() ? JsonPointer.compile(input.time().field()) : null;
        this.signalPointers = new JsonPointer[signals.size()];
        for (int i = 0; i < signals.size(); i++) {
            String f = signals.get(i).spec().field();
            signalPointers[i] = f == null || signals.get(i).joint() || signals.get(i).interArrival() ? null
                    : JsonPointer.compile(f);
        }
        JsonPointer[] all = new JsonPointer[PointerReader.FIRST_SIGNAL + signalPointers.length];
        all[PointerReader.KEY] = keyPointer;
        all[PointerReader.TIME] = timePointer;
        System.arraycopy(signalPointers, 0, all, PointerReader.FIRST_SIGNAL, signalPointers.length);
        this.fields = new PointerReader(JSON, all);
    }

    /**
     * The latest event time accepted now: wall clock + {@code input.max-future}, or {@link #MAX_TIME}
     * when it is {@code off}. A dead letter of a record stamped later is stamped with this instead.
     */
    public long latestAcceptedTime() {
        return maxFutureMillis < 0 ? MAX_TIME : Math.min(MAX_TIME, clock.millis() + maxFutureMillis);
    }

    /** Result of {@link #parse}: exactly one of {@code event} and {@code bad} is set. */
    public record Outcome(ParsedEvent event, BadEvent bad) {
    }

    /**
     * Parses a record.
     *
     * @param recordKey       the record key bytes (may be null)
     * @param value           the record value bytes
     * @param recordTimestamp the record's timestamp
     */
    public Outcome parse(byte[] recordKey, byte[] value, long recordTimestamp, String topic, int partition, long offset) {
        if (value == null) {
            return bad(BadEvent.UNPARSABLE, "", "record value is null");
        }
        JsonNode[] found;
        try {
            found = fields.read(value);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
            return bad(BadEvent.UNPARSABLE, "", "not JSON: " + m);
        }
        if (found == null) {
            return bad(BadEvent.UNPARSABLE, "", "not a JSON object");
        }
        String key;
        if (keyPointer != null) {
            JsonNode k = found[PointerReader.KEY];
            if (k.isMissingNode() || k.isNull()) {
                return bad(BadEvent.MISSING_FIELD, input.key().field(), "key field missing");
            }
            if (!k.isValueNode()) {
                return bad(BadEvent.WRONG_TYPE, input.key().field(), "key must be a string or number, got " + k.getNodeType());
            }
            key = k.asText();
            // a char is at most 3 UTF-8 bytes: encode (allocate) only when the key might be too large
            int bytes = 3L * key.length() <= maxKeyBytes ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > maxKeyBytes) {
                return bad(BadEvent.KEY_TOO_LARGE, input.key().field(), "key is " + bytes
                        + " bytes, more than input.max-key-bytes " + maxKeyBytes);
            }
        } else {
            if (recordKey == null) {
                return bad(BadEvent.MISSING_FIELD, "(record key)", "record key is null");
            }
            if (recordKey.length > maxKeyBytes) {
                return bad(BadEvent.KEY_TOO_LARGE, "(record key)", "record key is " + recordKey.length
                        + " bytes, more than input.max-key-bytes " + maxKeyBytes);
            }
            key = StoreKeys.eventKey(recordKey);
        }
        long time;
        if (timePointer != null) {
            JsonNode t = found[PointerReader.TIME];
            String field = input.time().field();
            if (t.isMissingNode() || t.isNull()) {
                return bad(BadEvent.MISSING_FIELD, field, "time field missing");
            }
            Long parsed = parseTime(t);
            if (parsed == null) {
                return bad(BadEvent.WRONG_TYPE, field, "time must be epoch millis or ISO-8601 ("
                        + input.time().format() + "), got " + abbreviate(t.toString()));
            }
            time = parsed;
            if (time < 0 || time > MAX_TIME) {
                return bad(BadEvent.OUT_OF_RANGE, field, "time out of range 0.." + MAX_TIME + ", got " + time);
            }
        } else {
            time = recordTimestamp;
            if (time < 0) {
                return bad(BadEvent.OUT_OF_RANGE, "(record timestamp)", "record timestamp is " + time);
            }
        }
        if (maxFutureMillis >= 0) {
            long now = clock.millis();
            if (time > now + maxFutureMillis) {
                String field = timePointer != null ? input.time().field() : "(record timestamp)";
                return bad(BadEvent.OUT_OF_RANGE, field, "event time " + time + " (" + Instant.ofEpochMilli(time)
                        + ") is more than input.max-future " + input.maxFuture() + " ahead of the wall clock "
                        + now + " (" + Instant.ofEpochMilli(now) + ")");
            }
        }
        List<Object> values = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            PlannedSignal s = signals.get(i);
            if (signalPointers[i] == null || s.joint() || s.interArrival() || !s.readsFrom(topic)) {
                values.add(null);
                continue;
            }
            String field = s.spec().field();
            JsonNode v = found[PointerReader.FIRST_SIGNAL + i];
            if (v.isMissingNode() || v.isNull()) {
                return bad(BadEvent.MISSING_FIELD, field, "signal " + s.name() + ": field missing");
            }
            if (s.categorical()) {
                if (!v.isValueNode()) {
                    return bad(BadEvent.WRONG_TYPE, field, "signal " + s.name() + ": expected a string, got " + v.getNodeType());
                }
                values.add(v.asText());
            } else {
                if (!v.isNumber()) {
                    return bad(BadEvent.WRONG_TYPE, field, "signal " + s.name() + ": expected a number, got "
                            + abbreviate(v.toString()));
                }
                double d = v.asDouble();
                if (!Double.isFinite(d)) {
                    return bad(BadEvent.NOT_FINITE, field, "signal " + s.name() + ": expected a finite number, got " + d);
                }
                values.add(d);
            }
        }
        return new Outcome(new ParsedEvent(key, time, values, topic, partition, offset), null);
    }

    /**
     * The event time a time field's value {@code t} holds, as this spec's {@code input.time.format}
     * reads it (epoch millis as a number or digits, or ISO-8601), or null when it holds none; not
     * range-checked. (The backtest reads a JSON line's record timestamp with it.)
     */
    public Long parseTime(JsonNode t) {
        String format = input.time().format();
        if (t.isNumber() && !"iso-8601".equals(format)) {
            double d = t.asDouble();
            if (!Double.isFinite(d) || d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                return d > 9.0e15 ? MAX_TIME + 1 : null;
            }
            return t.asLong();
        }
        if (t.isTextual()) {
            String s = t.asText().trim();
            if (!"iso-8601".equals(format) && !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() < 17) {
                return Long.parseLong(s);
            }
            if (!"epoch-millis".equals(format)) {
                try {
                    return Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException | ArithmeticException e) {
                    try {
                        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
                    } catch (DateTimeParseException | ArithmeticException e2) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    private static Outcome bad(String reason, String field, String detail) {
        return new Outcome(null, new BadEvent(reason, field, detail));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
