package io.entroflow.topology.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Input records for the bad-input properties: one draw is a good event or a bad record of one
 * {@link Kind}, built from a random source, so a QuickTheories long seed stands for a record. Events
 * are JSON objects {@code {"ts": .., "user": .., "kind": .., "amount": ..}}, keyed by the user.
 */
public final class BadRecords {
    /** The poison record: sent many times, it must end the same way every time. */
    public static final byte[] POISON = "{\"ts\": 1e400, \"user\": [\"u\u0000\"], \"kind\": {\"a\": [[[]]]}, \"amount\": NaN"
            .getBytes(StandardCharsets.UTF_8);

    /** What a record holds; {@link #alwaysDeadLettered()} when no monitor may process it. */
    public enum Kind {
        GOOD(false), INVALID_UTF8_VALUE(true), INVALID_UTF8_KEY(false), TRUNCATED_JSON(true), DEEP_NESTING(false),
        HUGE_STRING(false), HUGE_NUMBER(false), NAN_INFINITY(false), WRONG_TYPE(false), MISSING_FIELD(false),
        FAR_PAST(false), FAR_FUTURE(true), NUL_KEY(false), SURROGATE_KEY(false), NOT_AN_OBJECT(true),
        EMPTY_VALUE(true), NULL_VALUE(true), POISON_REPEATED(true);

        private final boolean alwaysDeadLettered;

        Kind(boolean alwaysDeadLettered) {
            this.alwaysDeadLettered = alwaysDeadLettered;
        }

        public boolean alwaysDeadLettered() {
            return alwaysDeadLettered;
        }
    }

    /** One input record. */
    public record Input(Kind kind, byte[] key, byte[] value, long timestamp) {
    }

    private BadRecords() {
    }

    /** One draw: a record of a random kind (half of them good), or a burst of the poison record. */
    public static List<Input> draw(SplittableRandom r, long time) {
        Kind[] kinds = Kind.values();
        Kind kind = r.nextBoolean() ? Kind.GOOD : kinds[r.nextInt(kinds.length)];
        String user = "u" + r.nextInt(4);
        byte[] key = utf8(user);
        String good = event(time, "\"" + user + "\"", "\"" + "abcde".charAt(r.nextInt(5)) + "\"", Integer.toString(r.nextInt(100)));
        return switch (kind) {
            case GOOD -> List.of(new Input(kind, key, utf8(good), time));
            case INVALID_UTF8_VALUE -> {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.writeBytes(utf8("{\"ts\": " + time + ", \"user\": \"" + user + "\", \"kind\": \""));
                b.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
                b.writeBytes(utf8("\", \"amount\": 1}"));
                yield List.of(new Input(kind, key, b.toByteArray(), time));
            }
            case INVALID_UTF8_KEY -> List.of(new Input(kind, new byte[]{(byte) 0xFF, (byte) 0xFE, (byte) r.nextInt(256)},
                    utf8(event(time, "\"" + user + "\"", "\"a\"", "1")), time));
            case TRUNCATED_JSON -> List.of(new Input(kind, key, utf8(good.substring(0, 1 + r.nextInt(good.length() - 2))), time));
            case DEEP_NESTING -> {
                int depth = 1 + r.nextInt(6_000);
                String nested = "[".repeat(depth) + "]".repeat(depth);
                yield List.of(new Input(kind, key, utf8(event(time, "\"" + user + "\"", nested, "1")), time));
            }
            case HUGE_STRING -> List.of(new Input(kind, key, utf8(event(time, "\"" + user + "\"",
                    "\"" + "x".repeat(60_000 + r.nextInt(20_000)) + "\"", "1")), time));
            case HUGE_NUMBER -> List.of(new Input(kind, key, utf8(event(time, "\"" + user + "\"", "\"a\"",
                    List.of("1e400", "-1e400", "123456789012345678901234567890123456789", "4.9e-325").get(r.nextInt(4)))), time));
            case NAN_INFINITY -> List.of(new Input(kind, key, utf8(event(time, "\"" + user + "\"", "\"a\"",
                    List.of("NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"").get(r.nextInt(5)))), time));
            case WRONG_TYPE -> {
                String[] wrong = {"[1,2]", "{\"a\": 1}", "true", "null", "17"};
                String w = wrong[r.nextInt(wrong.length)];
                yield List.of(new Input(kind, key, utf8(switch (r.nextInt(3)) {
                    case 0 -> event(time, "\"" + user + "\"", w, "1");
                    case 1 -> event(time, "\"" + user + "\"", "\"a\"", w.equals("17") ? "\"17\"" : w);
                    default -> "{\"ts\": " + (w.equals("17") ? "\"soon\"" : w) + ", \"user\": \"" + user
                            + "\", \"kind\": \"a\", \"amount\": 1}";
                }), time));
            }
            case MISSING_FIELD -> {
                String[] fields = {"\"ts\": " + time, "\"user\": \"" + user + "\"", "\"kind\": \"a\"", "\"amount\": 1"};
                List<String> kept = new ArrayList<>(List.of(fields));
                kept.remove(r.nextInt(fields.length));
                yield List.of(new Input(kind, key, utf8("{" + String.join(", ", kept) + "}"), time));
            }
            case FAR_PAST -> {
                long t = List.of(0L, -1L, -62_135_596_800_000L, Long.MIN_VALUE, time - 365L * 86_400_000L).get(r.nextInt(5));
                yield List.of(new Input(kind, key, utf8(event(t, "\"" + user + "\"", "\"a\"", "1")), time));
            }
            case FAR_FUTURE -> {
                long t = List.of(Long.MAX_VALUE, time + 2L * 86_400_000L, 253_402_300_800_000L).get(r.nextInt(3));
                yield List.of(new Input(kind, key, utf8(event(t, "\"" + user + "\"", "\"a\"", "1")), time));
            }
            case NUL_KEY -> List.of(new Input(kind, utf8(user + "\u0000" + r.nextInt(3)),
                    utf8(event(time, "\"" + user + "\\u0000x\"", "\"a\"", "1")), time));
            case SURROGATE_KEY -> List.of(new Input(kind, new byte[]{'u', (byte) 0xED, (byte) 0xA0, (byte) (0x80 + r.nextInt(3))},
                    utf8(event(time, "\"\\ud800" + user + "\"", "\"b\"", "2")), time));
            case NOT_AN_OBJECT -> List.of(new Input(kind, key, utf8(List.of("[]", "42", "\"event\"", "null", "not json")
                    .get(r.nextInt(5))), time));
            case EMPTY_VALUE -> List.of(new Input(kind, key, new byte[0], time));
            case NULL_VALUE -> List.of(new Input(kind, key, null, time));
            case POISON_REPEATED -> {
                List<Input> burst = new ArrayList<>();
                for (int i = 2 + r.nextInt(20); i > 0; i--) {
                    burst.add(new Input(kind, key, POISON, time));
                }
                yield burst;
            }
        };
    }

    private static String event(long ts, String user, String kind, String amount) {
        return "{\"ts\": " + ts + ", \"user\": " + user + ", \"kind\": " + kind + ", \"amount\": " + amount + "}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
