package io.entroflow.bench;

import io.entroflow.operators.conformal.ConformalCalibrator;
import io.entroflow.operators.conformal.ConformalConfig;
import io.entroflow.operators.conformal.DecayingMemoryLord;
import io.entroflow.operators.conformal.FdrDecision;
import io.entroflow.operators.conformal.LordPlusPlus;
import io.entroflow.operators.conformal.OnlineFdr;
import io.entroflow.operators.conformal.Side;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Online FDR over a monitoring stream, as the {@code fdr:} rule runs it: {@code keys} keys each emit
 * one window value per step (N(0, 1)); {@code planted} of them shift by {@code shift} sd from a
 * random step in [steps/4, steps/2) on, for good. Every key has its own {@link ConformalCalibrator}
 * (N values, side high, filled from the null before the run); each step, in key order, the value's
 * p-value is tested by the one rule of the task, and then becomes a calibration value unless the key
 * has had a discovery (what the rule's quarantine does for a firing key). A discovery of a planted key
 * at or after its change is true, every other discovery is false; a planted key is detected when it has
 * a true discovery (its delay: steps from the change to the first, counting that step).
 *
 * <p>Reported per configuration, over the seeds: mean and max false discovery proportion of the whole
 * run (V/max(1, R)), mean decayed FDP at the end (V_&delta;/(R_&delta; + &eta;), what {@link DecayingMemoryLord}
 * controls), power (planted keys discovered by the end), mean delay in steps from the change to the
 * key's first discovery (detected keys), and false discoveries per 1,000 null key-steps.
 */
public final class FdrStreamValidity {
    private FdrStreamValidity() {
    }

    /** One configuration's result. */
    record Result(double meanFdp, double maxFdp, double meanDecayedFdp, double power, double meanDelay,
                  double falsePerThousand, double discoveries) {
    }

    static Result run(Supplier<OnlineFdr> rule, double decayForReport, double eta, int keys, int planted, int steps,
                      int calibration, double shift, int seeds) {
        double fdpSum = 0;
        double fdpMax = 0;
        double decayedSum = 0;
        double powerSum = 0;
        double delaySum = 0;
        int delayCount = 0;
        double falseSum = 0;
        double discoveriesSum = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Random r = new Random(7_000 + seed);
            int[] changeAt = new int[keys];
            Arrays.fill(changeAt, Integer.MAX_VALUE);
            int[] order = shuffled(keys, r);
            for (int i = 0; i < planted; i++) {
                changeAt[order[i]] = steps / 4 + r.nextInt(steps / 4);
            }
            ConformalCalibrator[] calibrators = new ConformalCalibrator[keys];
            for (int k = 0; k < keys; k++) {
                calibrators[k] = new ConformalCalibrator(new ConformalConfig(calibration, 1, Side.HIGH,
                        1.0 / (calibration + 1), true, 31L * seed + k));
                for (int i = 0; i < calibration; i++) {
                    calibrators[k].calibrate(r.nextGaussian());
                }
            }
            OnlineFdr fdr = rule.get();
            boolean[] discovered = new boolean[keys];
            int[] firstTrue = new int[keys];
            Arrays.fill(firstTrue, -1);
            long falseD = 0;
            long trueD = 0;
            double vDecayed = 0;
            double rDecayed = 0;
            for (int step = 0; step < steps; step++) {
                for (int k = 0; k < keys; k++) {
                    boolean changed = step >= changeAt[k];
                    double v = r.nextGaussian() + (changed ? shift : 0);
                    FdrDecision d = fdr.test(calibrators[k].score(v).pValue());
                    vDecayed *= decayForReport;
                    rDecayed *= decayForReport;
                    if (d.rejected()) {
                        rDecayed++;
                        if (changed) {
                            trueD++;
                        } else {
                            falseD++;
                            vDecayed++;
                        }
                        discovered[k] = true;
                        if (changed && firstTrue[k] < 0) {
                            firstTrue[k] = step;
                        }
                    } else if (!discovered[k]) {
                        calibrators[k].calibrate(v);
                    }
                }
            }
            long discoveries = falseD + trueD;
            double fdp = discoveries == 0 ? 0 : falseD / (double) discoveries;
            fdpSum += fdp;
            fdpMax = Math.max(fdpMax, fdp);
            decayedSum += vDecayed / (rDecayed + eta);
            int detected = 0;
            for (int k = 0; k < keys; k++) {
                if (changeAt[k] != Integer.MAX_VALUE) {
                    int first = firstTrue[k];
                    if (first >= 0) {
                        detected++;
                        delaySum += first - changeAt[k] + 1;
                        delayCount++;
                    }
                }
            }
            powerSum += detected / (double) planted;
            falseSum += falseD * 1000.0 / ((long) (keys - planted) * steps);
            discoveriesSum += discoveries;
        }
        return new Result(fdpSum / seeds, fdpMax, decayedSum / seeds, powerSum / seeds,
                delayCount == 0 ? Double.NaN : delaySum / delayCount, falseSum / seeds, discoveriesSum / seeds);
    }

    private static int[] shuffled(int n, Random r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** Prints the Markdown table of docs/alerts.md. */
    static void print() {
        int keys = 1_020;
        int planted = 20;
        int steps = 200;
        int seeds = 20;
        System.out.println("## (e) Online FDR on a stream: 1,000 null and 20 planted keys, 200 windows each, tests by window then key, 20 seeds");
        System.out.println();
        System.out.println("| rule | q | N | shift (sd) | mean FDP | max FDP | mean decayed FDP | power | mean delay (windows) | false per 1,000 null windows |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        row("LORD++ (W0 = q/2)", 0.1, 999, 4, () -> LordPlusPlus.withTarget(0.1), 1, 1, keys, planted, steps, seeds);
        double[][] grid = {{0.1, 999, 0.99}, {0.1, 999, 0.999}, {0.1, 999, 0.9999}, {0.05, 999, 0.999},
            {0.05, 999, 0.9999}, {0.1, 99, 0.99}, {0.1, 99, 0.999}, {0.1, 1999, 0.995}, {0.05, 1999, 0.995},
            {0.05, 3999, 0.995}};
        for (double[] g : grid) {
            double q = g[0];
            double decay = g[2];
            row("decaying-memory LORD, decay " + decay + ", eta 1", q, (int) g[1], 4,
                    () -> new DecayingMemoryLord(q, decay, 1), decay, 1, keys, planted, steps, seeds);
        }
        System.out.println();
    }

    private static void row(String name, double q, int n, double shift, Supplier<OnlineFdr> rule, double decay,
                            double eta, int keys, int planted, int steps, int seeds) {
        Result res = run(rule, decay, eta, keys, planted, steps, n, shift, seeds);
        System.out.printf("| %s | %.2f | %d | %.0f | %.4f | %.3f | %.4f | %.3f | %.1f | %.3f |%n", name, q, n, shift,
                res.meanFdp(), res.maxFdp(), res.meanDecayedFdp(), res.power(), res.meanDelay(), res.falsePerThousand());
    }

    /** Runs {@link #print()} alone; with arguments {@code seeds q N decay shift...} one row per decay and shift. */
    public static void main(String[] args) {
        java.util.Locale.setDefault(java.util.Locale.ROOT);
        if (args.length == 0) {
            print();
            return;
        }
        int seeds = Integer.parseInt(args[0]);
        double q = Double.parseDouble(args[1]);
        int n = Integer.parseInt(args[2]);
        for (String d : args[3].split(",")) {
            double decay = Double.parseDouble(d);
            for (int i = 4; i < args.length; i++) {
                double shift = Double.parseDouble(args[i]);
                row("decaying-memory LORD, decay " + decay + ", eta 1", q, n, shift,
                        () -> new DecayingMemoryLord(q, decay, 1), decay, 1, 1_020, 20, 200, seeds);
            }
        }
    }
}
