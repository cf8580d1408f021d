package io.entroflow.operators.internal.histogram;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StrictLog#log} has the bits of {@link StrictMath#log}: every whole number up to 2^23, random whole numbers to 2^53, random doubles. */
class StrictLogTest {

    private static void assertSameBits(double x) {
        long expected = Double.doubleToRawLongBits(StrictMath.log(x));
        long actual = Double.doubleToRawLongBits(StrictLog.log(x));
        if (expected != actual) {
            assertThat(actual).as("log(%s)", x).isEqualTo(expected);
        }
    }

    @Test
    void shouldGiveStrictMathsBitsForEveryWholeNumberUpTo2To23() {
        for (int c = 1; c <= 1 << 23; c++) {
            assertSameBits(c);
        }
    }

    @Test
    void shouldGiveStrictMathsBitsForRandomWholeNumbersAndDoubles() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 2_000_000; n++) {
            assertSameBits(1 + random.nextLong(1L << (1 + random.nextInt(53))));
            assertSameBits(1 + random.nextDouble() * Math.scalb(1.0, random.nextInt(1000)));
            assertSameBits(Double.longBitsToDouble(random.nextLong(Double.doubleToRawLongBits(1.0),
                    Double.doubleToRawLongBits(Double.MAX_VALUE))));
        }
        double[] edges = {1.0, Math.nextUp(1.0), Math.sqrt(2), Math.nextDown(Math.sqrt(2)), 2.0, Math.nextDown(2.0), 0x1p53,
                0x1p53 + 2, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0.5, 0.0, -1.0, Double.NaN, Double.MIN_VALUE};
        for (double x : edges) {
            assertSameBits(x);
        }
    }
}
