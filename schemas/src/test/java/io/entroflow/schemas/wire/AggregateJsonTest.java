package io.entroflow.schemas.wire;

import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link AggregateJson} against {@link JsonSerde}'s Jackson bytes, record by record. */
class AggregateJsonTest {
    private static final Serializer<AggregateRecord> JACKSON = JsonSerde.of(AggregateRecord.class).serializer();
    private static final Serializer<AggregateRecord> HAND = AggregateJson.serializer();
    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.1, 1e-7, 1e-3, 1e7, 1e10, 123456789.125,
        Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Math.PI, 3.999999999999999, 2.5E-300};
    private static final long[] LONGS = {0, 1, -1, 9, 10, 99, 1_796_292_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
        Integer.MIN_VALUE};

    @Test
    void shouldWriteJacksonsBytesForRandomAndEdgeCaseRecords() {
        Random random = new Random(20261204);
        int handWritten = 0;
        for (int i = 0; i < 50_000; i++) {
            AggregateRecord r = record(random);
            byte[] expected = JACKSON.serialize("t", r);
            assertThat(new String(HAND.serialize("t", r), StandardCharsets.UTF_8))
                    .as("record %d: %s", i, r).isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(HAND.serialize("t", r)).isEqualTo(expected);
            if (AggregateJson.write(r) != null) {
                handWritten++;
            }
        }
        assertThat(handWritten).as("records written by hand, not by the Jackson fallback").isGreaterThan(10_000);
    }

    @Test
    void shouldWriteTheMonitorsCommonRecordByHand() {
        AggregateRecord r = new AggregateRecord("bench", "key-17", "h", "entropy", List.of("kind"), 1_796_292_001_000L,
                3.7281942, "bits", 1_796_292_000_000L, 1_796_292_001_000L, 1000, 12_345, null, null,
                new Provenance("in", 0, 5, 99), AggregateRecord.INTERVAL);
        assertThat(AggregateJson.write(r)).isEqualTo(JACKSON.serialize("t", r));
        assertThat(HAND.serialize("t", null)).isNull();
    }

    private static AggregateRecord record(Random r) {
        List<String> signals = null;
        if (r.nextInt(5) > 0) {
            signals = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                signals.add(r.nextInt(10) == 0 ? null : string(r));
            }
        }
        List<AlertRecord.Detection> detections = null;
        if (r.nextInt(3) == 0) {
            detections = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                detections.add(r.nextInt(10) == 0 ? null : new AlertRecord.Detection(maybe(r) ? null : string(r),
                        boxed(r), boxed(r), boxed(r), boxed(r), r.nextBoolean(), maybe(r) ? null : string(r), boxed(r)));
            }
        }
        return new AggregateRecord(r.nextInt(50) == 0 ? null : string(r), maybe(r) ? null : string(r),
                maybe(r) ? null : string(r), maybe(r) ? null : string(r), signals, number(r), dbl(r),
                maybe(r) ? null : string(r), number(r), number(r), number(r), number(r), boxed(r),
                maybe(r) ? null : (int) number(r),
                maybe(r) ? null : new Provenance(maybe(r) ? null : string(r), r.nextInt(), number(r), number(r)),
                maybe(r) ? null : string(r), maybe(r) ? null : number(r),
                maybe(r) ? null : r.nextBoolean(), detections);
    }

    private static boolean maybe(Random r) {
        return r.nextInt(4) == 0;
    }

    private static long number(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> LONGS[r.nextInt(LONGS.length)];
            case 1 -> r.nextInt(100_000) - 50_000;
            default -> r.nextLong();
        };
    }

    private static Double boxed(Random r) {
        return maybe(r) ? null : dbl(r);
    }

    private static double dbl(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> DOUBLES[r.nextInt(DOUBLES.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong());
            case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
            default -> r.nextInt(1000) / 8.0;
        };
    }

    /** Mostly plain ASCII; sometimes quotes, backslashes, control characters, DEL, and beyond ASCII. */
    private static String string(Random r) {
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(12);
        boolean odd = r.nextInt(12) == 0;
        for (int i = 0; i < len; i++) {
            if (!odd) {
                b.append((char) (0x20 + r.nextInt(0x5F)));
                continue;
            }
            switch (r.nextInt(8)) {
                case 0 -> b.append((char) r.nextInt(0x20));
                case 1 -> b.append(r.nextBoolean() ? '"' : '\\');
                case 2 -> b.append('\u007f');
                case 3 -> b.append(r.nextBoolean() ? "\u00e9" : "\u20ac");
                case 4 -> b.append(Character.toChars(0x1F600 + r.nextInt(50)));
                case 5 -> b.append('/');
                default -> b.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return b.toString();
    }
}
