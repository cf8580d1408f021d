package io.entroflow.operators.internal.histogram;

/**
 * {@link StrictMath#log} for finite x &ge; 1, the same bits, without the native call: fdlibm's
 * {@code __ieee754_log} (e_log.c, the algorithm {@link StrictMath#log} specifies, and which JDK 21
 * ports to Java in the same way) transcribed on doubles. Java floating point is strict (IEEE 754
 * double, round to nearest) since Java 17, so every operation below rounds as the C original does.
 * Used for the terms c ln c of whole counts past the shared table ({@link Terms#TABLE_LIMIT}), which
 * an all-history window reaches: on JDK 17 {@link StrictMath#log} is a JNI call of about 20 ns,
 * this about a fifth of that. {@code StrictLogTest} compares the two on millions of arguments.
 *
 * <p>Method (fdlibm): x = 2<sup>k</sup>(1+f) with &radic;2/2 &lt; 1+f &lt; &radic;2; s = f/(2+f);
 * log(1+f) = f &minus; s(f &minus; R(z)) with R a minimax polynomial in z = s<sup>2</sup>
 * (|error| &lt; 2<sup>&minus;58.45</sup>); log x = k ln2<sub>hi</sub> + (log(1+f) + k ln2<sub>lo</sub>).
 */
final class StrictLog {
    private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
    private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
    private static final double LG1 = Double.longBitsToDouble(0x3FE5555555555593L);
    private static final double LG2 = Double.longBitsToDouble(0x3FD999999997FA04L);
    private static final double LG3 = Double.longBitsToDouble(0x3FD2492494229359L);
    private static final double LG4 = Double.longBitsToDouble(0x3FCC71C51D8E78AFL);
    private static final double LG5 = Double.longBitsToDouble(0x3FC7466496CB03DEL);
    private static final double LG6 = Double.longBitsToDouble(0x3FC39A09D078C69FL);
    private static final double LG7 = Double.longBitsToDouble(0x3FC2F112DF3E5244L);

    private StrictLog() {
    }

    /** ln x, bit-identical to {@link StrictMath#log}; arguments outside [1, &infin;) go to {@link StrictMath#log}. */
    static double log(double x) {
        if (!(x >= 1.0) || x == Double.POSITIVE_INFINITY) {
            return StrictMath.log(x);
        }
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >>> 32);
        int lx = (int) bits;
        int k = (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        x = Double.longBitsToDouble(((long) (hx | (i ^ 0x3ff00000)) << 32) | (lx & 0xffffffffL)); // normalise x or x/2
        k += i >> 20;
        double f = x - 1.0;
        if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
            if (f == 0.0) {
                if (k == 0) {
                    return 0.0;
                }
                double dk = k;
                return dk * LN2_HI + dk * LN2_LO;
            }
            double r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) {
                return f - r;
            }
            double dk = k;
            return dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }
        double s = f / (2.0 + f);
        double dk = k;
        double z = s * s;
        i = hx - 0x6147a;
        double w = z * z;
        int j = 0x6b851 - hx;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        i |= j;
        double r = t2 + t1;
        if (i > 0) {
            double hfsq = 0.5 * f * f;
            if (k == 0) {
                return f - (hfsq - s * (hfsq + r));
            }
            return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        if (k == 0) {
            return f - s * (f - r);
        }
        return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }
}
