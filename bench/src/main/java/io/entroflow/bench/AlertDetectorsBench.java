package io.entroflow.bench;

import io.entroflow.operators.conformal.ConformalCalibrator;
import io.entroflow.operators.conformal.ConformalConfig;
import io.entroflow.operators.conformal.LordPlusPlus;
import io.entroflow.operators.conformal.Saffron;
import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.detect.Baseline;
import io.entroflow.operators.detect.BayesianChangePointDetector;
import io.entroflow.operators.detect.ChangeDetector;
import io.entroflow.operators.detect.CusumDetector;
import io.entroflow.operators.detect.PageHinkleyDetector;
import io.entroflow.operators.detect.ShiryaevRobertsDetector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Per-value cost of the alert math: one aggregate value through a conformal calibrator, a change
 * detector, or one p-value through an online FDR rule.
 *
 * <p>Workload: 65,536 N(0, 1) values (seed 1) replayed in a loop. {@code conformal}: N = 1,000 or
 * 10,000 calibration values, two-sided, stride 1 (every value also enters the calibration set:
 * the worst case, O(log N) rank plus O(N) insertion) or stride 100 (a calibration value every 100
 * values, the usual case with a window of 100). {@code detector}: CUSUM, Page-Hinkley and
 * Shiryaev-Roberts two-sided at ARL0 = 10<sup>9</sup> (no restarts), and the Bayesian detector with
 * the run-length cap 250 (O(cap)). {@code fdr}: LORD++ and SAFFRON on uniform p-values (about
 * q&middot;&gamma; rejections, so the O(R) sum stays short; the cost grows with the rejections kept).
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar AlertDetectorsBench -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AlertDetectorsBench {
    private static final int VALUES = 1 << 16;

    /** N(0, 1) values and uniform p-values, replayed in a loop. */
    @State(Scope.Thread)
    public static class Values {
        final double[] gaussian = new double[VALUES];
        final double[] uniform = new double[VALUES];
        int next;

        @Setup
        public void setUp() {
            Random r = new Random(1);
            for (int i = 0; i < VALUES; i++) {
                gaussian[i] = r.nextGaussian();
                uniform[i] = r.nextDouble();
            }
        }

        int advance() {
            int i = next;
            next = (next + 1) & (VALUES - 1);
            return i;
        }
    }

    /** A warmed-up two-sided calibrator. */
    @State(Scope.Thread)
    public static class Conformal {
        @Param({"1000", "10000"})
        public int calibrationSize;

        @Param({"1", "100"})
        public int stride;

        ConformalCalibrator calibrator;

        @Setup
        public void setUp() {
            calibrator = new ConformalCalibrator(ConformalConfig.of(calibrationSize, stride, Side.TWO_SIDED, 0.01, 7));
            Random r = new Random(2);
            for (int i = 0; i < calibrationSize; i++) {
                calibrator.calibrate(r.nextGaussian());
            }
        }
    }

    /** A detector past its warm-up, with a threshold it does not reach. */
    @State(Scope.Thread)
    public static class Detector {
        @Param({"cusum", "page-hinkley", "shiryaev-roberts", "bocpd"})
        public String kind;

        ChangeDetector detector;

        @Setup
        public void setUp() {
            Baseline known = Baseline.known(0, 1);
            detector = switch (kind) {
                case "cusum" -> new CusumDetector(CusumDetector.Config.forArl0(known, Side.TWO_SIDED, 1e9));
                case "page-hinkley" -> new PageHinkleyDetector(PageHinkleyDetector.Config.forArl0(known, Side.TWO_SIDED, 1e9));
                case "shiryaev-roberts" -> new ShiryaevRobertsDetector(
                        ShiryaevRobertsDetector.Config.forArl0(known, Side.TWO_SIDED, 1e9));
                default -> new BayesianChangePointDetector(BayesianChangePointDetector.Config.of(known, 1000, 250, 100, 0.999999));
            };
            Random r = new Random(3);
            for (int i = 0; i < 1000; i++) {
                detector.update(r.nextGaussian());
            }
        }
    }

    /** Fresh online FDR rules at q = 0.1. */
    @State(Scope.Thread)
    public static class Fdr {
        LordPlusPlus lord;
        Saffron saffron;

        @Setup
        public void setUp() {
            lord = LordPlusPlus.withTarget(0.1);
            saffron = Saffron.withTarget(0.1);
        }
    }

    /** One value through the calibrator. */
    @Benchmark
    public double conformal(Values v, Conformal c) {
        return c.calibrator.update(v.gaussian[v.advance()]).pValue();
    }

    /** One value through a change detector. */
    @Benchmark
    public boolean detector(Values v, Detector d) {
        return d.detector.update(v.gaussian[v.advance()]);
    }

    /** One p-value through LORD++. */
    @Benchmark
    public boolean lordPlusPlus(Values v, Fdr f) {
        return f.lord.test(v.uniform[v.advance()]).rejected();
    }

    /** One p-value through SAFFRON. */
    @Benchmark
    public boolean saffron(Values v, Fdr f) {
        return f.saffron.test(v.uniform[v.advance()]).rejected();
    }
}
