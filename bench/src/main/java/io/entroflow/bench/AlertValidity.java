package io.entroflow.bench;

import io.entroflow.operators.InformationUnit;
import io.entroflow.operators.conformal.ConformalCalibrator;
import io.entroflow.operators.conformal.ConformalConfig;
import io.entroflow.operators.conformal.ConformalPValue;
import io.entroflow.operators.conformal.LordPlusPlus;
import io.entroflow.operators.conformal.OnlineFdr;
import io.entroflow.operators.conformal.Saffron;
import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.detect.ArlApproximations;
import io.entroflow.operators.detect.Baseline;
import io.entroflow.operators.detect.BayesianChangePointDetector;
import io.entroflow.operators.detect.ChangeDetector;
import io.entroflow.operators.detect.CusumDetector;
import io.entroflow.operators.detect.PageHinkleyDetector;
import io.entroflow.operators.detect.ShiryaevRobertsDetector;
import io.entroflow.operators.entropy.EntropyConfig;
import io.entroflow.operators.entropy.EntropyMeasure;
import io.entroflow.operators.entropy.EntropyOperator;
import io.entroflow.operators.signal.Ar1Process;
import io.entroflow.operators.signal.CategoricalSource;
import io.entroflow.operators.signal.MarkovChainSource;
import io.entroflow.operators.signal.SymbolGenerator;
import io.entroflow.operators.window.Window;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

import java.util.Locale;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The long validity runs behind docs/alerts.md, printed as Markdown tables: (a) the false-alarm
 * rate of conformal p-values through the whole operator chain (events &rarr; sliding-window entropy
 * &rarr; calibrator) on i.i.d. and strongly dependent sources, with and without the stride; (b) ARL0
 * and detection delay of every change detector against the approximations, known and estimated
 * baselines; (c) delay at equal ARL0 against a fixed threshold; (d) online FDR over 1,000 null and
 * 20 planted keys; (f) CUSUM's real ARL0 on sliding-window entropies fed at every aggregate
 * (overlapping windows) against at stride points (non-overlapping windows). Seeds are fixed: the
 * output is the same on every run. With the argument {@code windows} only (f) runs (about 1 minute).
 *
 * <p>Workload: about 60 million values in all; 3&ndash;6 minutes on one core.
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar io.entroflow.bench.AlertValidity}
 */
public final class AlertValidity {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private AlertValidity() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        long start = System.nanoTime();
        if (args.length > 0 && args[0].equals("windows")) {
            overlappingWindows();
            System.out.printf("%n(%d s)%n", (System.nanoTime() - start) / 1_000_000_000L);
            return;
        }
        conformalChain();
        arlTable();
        equalArlComparison();
        fdr();
        overlappingWindows();
        FdrStreamValidity.print();
        System.out.printf("%n(%d s)%n", (System.nanoTime() - start) / 1_000_000_000L);
    }

    // ---------------------------------------------------------------- (a) conformal through the chain

    private static String interval(int n, double alpha) {
        BinomialDistribution b = BinomialDistribution.of(n, alpha);
        return b.inverseCumulativeProbability(0.0005) + "–" + b.inverseCumulativeProbability(0.9995);
    }

    private static boolean inside(int alarms, int n, double alpha) {
        BinomialDistribution b = BinomialDistribution.of(n, alpha);
        return alarms >= b.inverseCumulativeProbability(0.0005) && alarms <= b.inverseCumulativeProbability(0.9995);
    }

    /**
     * Feeds {@code values} (one per event, from the first full window on) to a two-sided calibrator
     * with stride S and counts the alarms at the window boundaries (one value per window of length W).
     */
    private static void conformalRow(String source, String value, DoubleSupplier values, int window, int stride,
                                     int windows) {
        double alpha = 0.05;
        ConformalCalibrator c = new ConformalCalibrator(ConformalConfig.of(99, stride, Side.TWO_SIDED, alpha, 11));
        int counted = 0;
        int alarms = 0;
        long i = 0;
        while (counted < windows) {
            ConformalPValue p = c.update(values.getAsDouble());
            i++;
            if (i % window == 0 && !p.warmingUp()) {
                counted++;
                alarms += p.alarm() ? 1 : 0;
            }
        }
        System.out.printf("| %s | %s | %d | %d | %d | %d | %.4f | %s | %s |%n", source, value, window, stride, counted,
                alarms, alarms / (double) counted, interval(counted, alpha), inside(alarms, counted, alpha) ? "yes" : "**no**");
    }

    /** Sliding-window Shannon entropy (bits) after every event, from the first full window on. */
    private static DoubleSupplier entropyOf(SymbolGenerator source, int window) {
        EntropyOperator op = new EntropyOperator(new EntropyConfig(Window.count(window), EntropyMeasure.shannon(),
                InformationUnit.BITS, source.alphabetSize()));
        long[] t = {0};
        for (int i = 0; i < window - 1; i++) {
            op.update(t[0]++, source.nextSymbol());
        }
        return () -> {
            op.update(t[0]++, source.nextSymbol());
            return op.value();
        };
    }

    private static void conformalChain() {
        System.out.println("## (a) Conformal p-values through the operator chain (two-sided, N = 99, alpha = 0.05)");
        System.out.println();
        System.out.println("| source | value | window W | stride S | windows | alarms | rate | 99.9% binomial | inside |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double[] skewed = {0.4, 0.2, 0.1, 0.1, 0.08, 0.06, 0.04, 0.02};
        double[][] sticky = new double[4][4];
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                sticky[a][b] = a == b ? 0.95 : 0.05 / 3;
            }
        }
        int windows = 4_000;
        for (int stride : new int[] {100, 1}) {
            conformalRow("i.i.d. categorical, 8 symbols", "Shannon entropy", entropyOf(new CategoricalSource(skewed, 1), 100),
                    100, stride, windows);
        }
        for (int stride : new int[] {200, 1}) {
            conformalRow("Markov chain, 4 states, stay 0.95", "Shannon entropy",
                    entropyOf(new MarkovChainSource(sticky, 2), 200), 200, stride, windows);
        }
        for (int stride : new int[] {50, 1}) {
            Ar1Process ar = new Ar1Process(0.9, 1, 3);
            conformalRow("AR(1), phi = 0.9", "the value", ar::nextValue, 50, stride, windows);
        }
        for (int stride : new int[] {50, 500}) {
            Ar1Process ar = new Ar1Process(0.99, 1, 4);
            conformalRow("AR(1), phi = 0.99", "the value", ar::nextValue, stride, stride, windows);
        }
        System.out.println();
    }

    // ---------------------------------------------------------------- (f) CUSUM on overlapping windows

    /**
     * ARL0 of a two-sided CUSUM (k = 0.5, h for a target of 500, baseline estimated from its first
     * 100 values) fed the Shannon entropy of a sliding count window of W = 200 i.i.d. symbols every
     * s events: s = 25 and 100 are aggregates of overlapping windows (each shares W &minus; s events
     * with the previous one: lag-j correlation about max(0, 1 &minus; js/W)), s = 200 is the stride
     * point of non-overlapping windows (independent values). Run lengths in detector values from the
     * first value after the baseline, and in events.
     */
    private static void overlappingWindows() {
        System.out.println("## (f) CUSUM on window values: overlapping (every aggregate) against non-overlapping (stride = window)");
        System.out.println();
        System.out.println("i.i.d. categorical source, 8 symbols; Shannon entropy over a count window of W = 200 events, "
                + "a value every s events; two-sided CUSUM, k = 0.5, h for ARL0 500, baseline estimated from 100 values; 1,000 runs");
        System.out.println();
        System.out.println("| s (events per value) | overlap L = W/s | threshold h | measured ARL0 (values) | 95% interval | measured ARL0 (events) | nominal ARL0 (events) |");
        System.out.println("|---|---|---|---|---|---|---|");
        double[] skewed = {0.4, 0.2, 0.1, 0.1, 0.08, 0.06, 0.04, 0.02};
        int window = 200;
        int runs = 1_000;
        CusumDetector.Config config = CusumDetector.Config.forArl0(Baseline.estimated(100), Side.TWO_SIDED, 500);
        for (int s : new int[] {25, 100, 200}) {
            CategoricalSource source = new CategoricalSource(skewed, 31);
            double sum = 0;
            double sumSq = 0;
            for (int run = 0; run < runs; run++) {
                DoubleSupplier entropy = entropyOf(source, window);
                CusumDetector d = new CusumDetector(config);
                long values = 0;
                while (true) {
                    double v = 0;
                    for (int e = 0; e < s; e++) {
                        v = entropy.getAsDouble();
                    }
                    boolean counting = !d.warmingUp();
                    values += counting ? 1 : 0;
                    if (d.update(v)) {
                        break;
                    }
                }
                sum += values;
                sumSq += (double) values * values;
            }
            double mean = sum / runs;
            double se = Math.sqrt((sumSq / runs - mean * mean) / runs);
            System.out.printf("| %d | %d | %.3f | %.1f | %.1f–%.1f | %,.0f | %,.0f |%n", s, window / s, config.h(), mean,
                    mean - 1.96 * se, mean + 1.96 * se, mean * s, 500.0 * s);
        }
        System.out.println();
    }

    // ---------------------------------------------------------------- (b) ARL0 and delay

    /** Mean values from the first one after warm-up to the first alarm; the shift starts at value changeAt. */
    static double meanRunLength(Supplier<ChangeDetector> fresh, int runs, long seed,
                                double shift, int changeAt) {
        Random r = new Random(seed);
        long total = 0;
        int counted = 0;
        for (int i = 0; i < runs; i++) {
            ChangeDetector d = fresh.get();
            long t = 0;
            while (true) {
                boolean counting = !d.warmingUp();
                if (counting) {
                    t++;
                }
                double x = r.nextGaussian() + (counting && t >= changeAt ? shift : 0);
                if (d.update(x) || t > 1_000_000_000L) {
                    break;
                }
            }
            if (t >= changeAt) {
                total += t - changeAt + 1;
                counted++;
            }
        }
        return total / (double) counted;
    }

    private static int runsFor(double arl0) {
        return arl0 <= 500 ? 2_000 : 1_000;
    }

    private static void arlTable() {
        System.out.println("## (b) ARL0 and delay on N(0, 1) values, two-sided, k = delta = 0.5, mu = 1");
        System.out.println();
        System.out.println("| detector | baseline | target ARL0 | threshold | measured ARL0 | approximation | delay +1 sd, change at 1 | Siegmund delay | delay +1 sd, change at 200 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (double target : new double[] {100, 500, 2000}) {
            for (Baseline baseline : new Baseline[] {Baseline.known(0, 1), Baseline.estimated(100)}) {
                String b = baseline.isEstimated() ? "estimated, B = 100" : "known";
                int runs = runsFor(target);
                CusumDetector.Config c = CusumDetector.Config.forArl0(baseline, Side.TWO_SIDED, target);
                Supplier<ChangeDetector> cusum = () -> new CusumDetector(c);
                System.out.printf("| CUSUM | %s | %.0f | h = %.3f | %.1f | %.1f | %.2f | %.2f | %.2f |%n", b, target, c.h(),
                        meanRunLength(cusum, runs, 1, 0, 1), ArlApproximations.cusumArl0(0.5, c.h(), Side.TWO_SIDED),
                        meanRunLength(cusum, 2_000, 2, 1, 1), ArlApproximations.cusumDelay(0.5, c.h(), 1, Side.TWO_SIDED),
                        meanRunLength(cusum, 2_000, 3, 1, 200));
                PageHinkleyDetector.Config p = PageHinkleyDetector.Config.forArl0(baseline, Side.TWO_SIDED, target);
                Supplier<ChangeDetector> ph = () -> new PageHinkleyDetector(p);
                System.out.printf("| Page-Hinkley | %s | %.0f | lambda = %.3f | %.1f | %.1f (CUSUM) | %.2f | — | %.2f |%n", b,
                        target, p.lambda(), meanRunLength(ph, runs, 4, 0, 1),
                        ArlApproximations.cusumArl0(0.5, p.lambda(), Side.TWO_SIDED), meanRunLength(ph, 2_000, 5, 1, 1),
                        meanRunLength(ph, 2_000, 6, 1, 200));
                ShiryaevRobertsDetector.Config s = ShiryaevRobertsDetector.Config.forArl0(baseline, Side.TWO_SIDED, target);
                Supplier<ChangeDetector> sr = () -> new ShiryaevRobertsDetector(s);
                System.out.printf("| Shiryaev-Roberts | %s | %.0f | A = %.1f | %.1f | %.1f | %.2f | — | %.2f |%n", b, target,
                        s.threshold(), meanRunLength(sr, runs, 7, 0, 1),
                        ArlApproximations.shiryaevRobertsArl0(1, s.threshold(), Side.TWO_SIDED),
                        meanRunLength(sr, 2_000, 8, 1, 1), meanRunLength(sr, 2_000, 9, 1, 200));
            }
        }
        for (double pStar : new double[] {0.5, 0.8}) {
            for (Baseline baseline : new Baseline[] {Baseline.known(0, 1), Baseline.estimated(100)}) {
                String b = baseline.isEstimated() ? "estimated, B = 100" : "known";
                BayesianChangePointDetector.Config c = BayesianChangePointDetector.Config.of(baseline, 1000, 250, 100, pStar);
                Supplier<ChangeDetector> bocpd = () -> new BayesianChangePointDetector(c);
                System.out.printf("| Bayesian (lambda = 1000, cap 250, k = 100) | %s | — | p* = %.2f | %.1f | — | %.2f | — | %.2f |%n",
                        b, pStar, meanRunLength(bocpd, pStar < 0.7 ? 1_000 : 300, 10, 0, 1),
                        meanRunLength(bocpd, 1_000, 11, 1, 1), meanRunLength(bocpd, 1_000, 12, 1, 200));
            }
        }
        System.out.println();
    }

    // ---------------------------------------------------------------- (c) equal ARL0 against a fixed threshold

    /** Alarm when |x| exceeds c: the fixed threshold (the Drift rule's z-test with a known baseline). */
    static double fixedThresholdRunLength(double c, int runs, long seed, double shift, int changeAt) {
        Random r = new Random(seed);
        long total = 0;
        int counted = 0;
        for (int i = 0; i < runs; i++) {
            long t = 0;
            while (true) {
                t++;
                double x = r.nextGaussian() + (t >= changeAt ? shift : 0);
                if (Math.abs(x) > c) {
                    break;
                }
            }
            if (t >= changeAt) {
                total += t - changeAt + 1;
                counted++;
            }
        }
        return total / (double) counted;
    }

    /** Alarm when the two-sided conformal p-value against the last 999 values is at most alpha. */
    private static double conformalRunLength(double alpha, int runs, long seed, double shift, int changeAt) {
        Random r = new Random(seed);
        long total = 0;
        int counted = 0;
        for (int i = 0; i < runs; i++) {
            ConformalCalibrator c = new ConformalCalibrator(ConformalConfig.of(999, 1, Side.TWO_SIDED, alpha, seed + i));
            for (int j = 0; j < 999; j++) {
                c.update(r.nextGaussian());
            }
            long t = 0;
            while (true) {
                t++;
                double x = r.nextGaussian() + (t >= changeAt ? shift : 0);
                if (c.update(x).alarm()) {
                    break;
                }
            }
            if (t >= changeAt) {
                total += t - changeAt + 1;
                counted++;
            }
        }
        return total / (double) counted;
    }

    private static void equalArlComparison() {
        double target = 500;
        System.out.println("## (c) Delay at equal ARL0 = 500 against a fixed threshold (two-sided, known baseline, change at value 200)");
        System.out.println();
        System.out.println("| detector | setting | measured ARL0 | delay +0.5 sd | delay +1 sd | delay +2 sd |");
        System.out.println("|---|---|---|---|---|---|");
        Baseline known = Baseline.known(0, 1);
        double c = NORMAL.inverseSurvivalProbability(1 / (2 * target));
        System.out.printf("| fixed threshold \\|z\\| > c | c = %.3f | %.1f | %.1f | %.2f | %.2f |%n", c,
                fixedThresholdRunLength(c, 2_000, 20, 0, 1), fixedThresholdRunLength(c, 2_000, 21, 0.5, 200),
                fixedThresholdRunLength(c, 2_000, 22, 1, 200), fixedThresholdRunLength(c, 2_000, 23, 2, 200));
        double alpha = 1 / target;
        System.out.printf("| conformal, N = 999, stride 1 | alpha = %.4f | %.1f | %.1f | %.2f | %.2f |%n", alpha,
                conformalRunLength(alpha, 500, 24, 0, 1), conformalRunLength(alpha, 500, 25, 0.5, 200),
                conformalRunLength(alpha, 500, 26, 1, 200), conformalRunLength(alpha, 500, 27, 2, 200));
        CusumDetector.Config cc = CusumDetector.Config.forArl0(known, Side.TWO_SIDED, target);
        row("CUSUM, k = 0.5", String.format("h = %.3f", cc.h()), () -> new CusumDetector(cc), 2_000);
        PageHinkleyDetector.Config pc = PageHinkleyDetector.Config.forArl0(known, Side.TWO_SIDED, target);
        row("Page-Hinkley, delta = 0.5", String.format("lambda = %.3f", pc.lambda()), () -> new PageHinkleyDetector(pc), 2_000);
        ShiryaevRobertsDetector.Config sc = ShiryaevRobertsDetector.Config.forArl0(known, Side.TWO_SIDED, target);
        row("Shiryaev-Roberts, mu = 1", String.format("A = %.1f", sc.threshold()), () -> new ShiryaevRobertsDetector(sc), 2_000);
        BayesianChangePointDetector.Config bc = BayesianChangePointDetector.Config.of(known, 1000, 250, 100, 0.55);
        row("Bayesian, lambda = 1000, k = 100", "p* = 0.55", () -> new BayesianChangePointDetector(bc), 500);
        System.out.println();
    }

    private static void row(String name, String setting, Supplier<ChangeDetector> d, int runs) {
        System.out.printf("| %s | %s | %.1f | %.1f | %.2f | %.2f |%n", name, setting, meanRunLength(d, runs, 30, 0, 1),
                meanRunLength(d, runs, 31, 0.5, 200), meanRunLength(d, runs, 32, 1, 200), meanRunLength(d, runs, 33, 2, 200));
    }

    // ---------------------------------------------------------------- (d) online FDR

    private static void fdr() {
        System.out.println("## (d) Online FDR: 1,000 null keys (uniform p) and 20 planted (p = 1 − Φ(z), z ~ N(4, 1)), random order, 20 seeds");
        System.out.println();
        System.out.println("| rule | q | mean FDP | max FDP | mean discoveries | power |");
        System.out.println("|---|---|---|---|---|---|");
        for (double q : new double[] {0.05, 0.1, 0.2}) {
            fdrRow("LORD++ (W0 = q/2)", q, () -> LordPlusPlus.withTarget(q));
            fdrRow("SAFFRON (lambda = 1/2, W0 = q/4)", q, () -> Saffron.withTarget(q));
        }
        System.out.println();
    }

    private static void fdrRow(String name, double q, Supplier<OnlineFdr> rule) {
        int seeds = 20;
        double fdpSum = 0;
        double fdpMax = 0;
        double powerSum = 0;
        double discoveriesSum = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random r = new Random(1000 + seed);
            boolean[] planted = new boolean[1_020];
            for (int i = 0; i < 20; i++) {
                planted[i] = true;
            }
            for (int i = planted.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                boolean t = planted[i];
                planted[i] = planted[j];
                planted[j] = t;
            }
            OnlineFdr fdr = rule.get();
            int falseD = 0;
            int trueD = 0;
            for (boolean p : planted) {
                double pValue = p ? NORMAL.survivalProbability(4 + r.nextGaussian()) : r.nextDouble();
                if (fdr.test(pValue).rejected()) {
                    if (p) {
                        trueD++;
                    } else {
                        falseD++;
                    }
                }
            }
            int d = falseD + trueD;
            double fdp = d == 0 ? 0 : falseD / (double) d;
            fdpSum += fdp;
            fdpMax = Math.max(fdpMax, fdp);
            powerSum += trueD / 20.0;
            discoveriesSum += d;
        }
        System.out.printf("| %s | %.2f | %.4f | %.3f | %.1f | %.3f |%n", name, q, fdpSum / seeds, fdpMax, discoveriesSum / seeds,
                powerSum / seeds);
    }
}
