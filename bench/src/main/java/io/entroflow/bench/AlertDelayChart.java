package io.entroflow.bench;

import io.entroflow.operators.conformal.Side;
import io.entroflow.operators.detect.Baseline;
import io.entroflow.operators.detect.ChangeDetector;
import io.entroflow.operators.detect.CusumDetector;
import io.entroflow.operators.detect.PageHinkleyDetector;
import io.entroflow.operators.detect.ShiryaevRobertsDetector;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

/**
 * Draws docs/alerts-delay-vs-arl0.png: the delay to detect a +1 sd shift (change at value 200,
 * conditional on no earlier alarm) against the measured ARL0, for CUSUM, Page-Hinkley,
 * Shiryaev-Roberts and the fixed threshold |z| &gt; c, each at targets 50 .. 5,000 (two-sided,
 * known baseline, N(0, 1) values; 1,000 runs per point for ARL0, 1,000 for the delay).
 *
 * <p>Workload: about 20 million values, under a minute on one core.
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp bench/target/benchmarks.jar io.entroflow.bench.AlertDelayChart docs/alerts-delay-vs-arl0.png}
 */
public final class AlertDelayChart {
    private static final double[] TARGETS = {50, 100, 200, 500, 1000, 2000, 5000};

    private AlertDelayChart() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : "docs/alerts-delay-vs-arl0.png");
        Baseline known = Baseline.known(0, 1);
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Delay to detect a +1 sd shift at equal false-alarm rate")
                .xAxisTitle("ARL0 (mean values to a false alarm), measured").yAxisTitle("delay (values), measured").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        curve(chart, "CUSUM (k = 0.5)", t -> () -> new CusumDetector(CusumDetector.Config.forArl0(known, Side.TWO_SIDED, t)));
        curve(chart, "Page-Hinkley (delta = 0.5)",
                t -> () -> new PageHinkleyDetector(PageHinkleyDetector.Config.forArl0(known, Side.TWO_SIDED, t)));
        curve(chart, "Shiryaev-Roberts (mu = 1)",
                t -> () -> new ShiryaevRobertsDetector(ShiryaevRobertsDetector.Config.forArl0(known, Side.TWO_SIDED, t)));
        double[] x = new double[TARGETS.length];
        double[] y = new double[TARGETS.length];
        NormalDistribution normal = NormalDistribution.of(0, 1);
        for (int i = 0; i < TARGETS.length; i++) {
            double c = normal.inverseSurvivalProbability(1 / (2 * TARGETS[i]));
            x[i] = AlertValidity.fixedThresholdRunLength(c, 1_000, 40 + i, 0, 1);
            y[i] = AlertValidity.fixedThresholdRunLength(c, 1_000, 50 + i, 1, 200);
        }
        chart.addSeries("fixed threshold |z| > c", x, y).setMarker(SeriesMarkers.DIAMOND);
        BitmapEncoder.saveBitmap(chart, out.toString(), BitmapEncoder.BitmapFormat.PNG);
        System.out.println("wrote " + out);
    }

    private static void curve(XYChart chart, String name, DoubleFunction<Supplier<ChangeDetector>> detector) {
        double[] x = new double[TARGETS.length];
        double[] y = new double[TARGETS.length];
        for (int i = 0; i < TARGETS.length; i++) {
            Supplier<ChangeDetector> d = detector.apply(TARGETS[i]);
            x[i] = AlertValidity.meanRunLength(d, 1_000, 60 + i, 0, 1);
            y[i] = AlertValidity.meanRunLength(d, 1_000, 70 + i, 1, 200);
            System.out.printf("%s target %.0f: ARL0 %.1f, delay %.2f%n", name, TARGETS[i], x[i], y[i]);
        }
        chart.addSeries(name, x, y);
    }
}
