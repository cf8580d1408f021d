package io.entroflow.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows of a long benchmark as they come: printed as a table on standard output and appended to a
 * CSV file at once (a run that dies keeps its rows), then drawn as a PNG with XChart: the columns
 * named in {@link #chart} against the first column, the first group on the left axis, the second on
 * the right.
 */
final class SampleTable {
    private final List<String> columns;
    private final Path csv;
    private final List<double[]> rows = new ArrayList<>();

    SampleTable(Path csv, List<String> columns) throws IOException {
        this.csv = csv;
        this.columns = List.copyOf(columns);
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.writeString(csv, String.join(",", columns) + "\n");
        StringBuilder h = new StringBuilder();
        for (String c : columns) {
            h.append(String.format(Locale.ROOT, "%16s", c));
        }
        System.out.println(h);
    }

    /** Adds a row (one value per column): printed, appended to the CSV. */
    void add(double... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row: expected " + columns.size() + " values, got " + values.length);
        }
        rows.add(values.clone());
        StringBuilder line = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            String v = values[i] == Math.rint(values[i]) ? String.format(Locale.ROOT, "%.0f", values[i])
                    : String.format(Locale.ROOT, "%.2f", values[i]);
            line.append(i == 0 ? "" : ",").append(v);
            text.append(String.format(Locale.ROOT, "%16s", v));
        }
        Files.writeString(csv, line + "\n", StandardOpenOption.APPEND);
        System.out.println(text);
    }

    /** Draws {@code left} and {@code right} columns against column 0 into {@code png}; nothing without rows. */
    void chart(Path png, String title, String leftTitle, List<String> left, String rightTitle, List<String> right)
            throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle(columns.get(0)).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.setYAxisGroupTitle(0, leftTitle);
        chart.setYAxisGroupTitle(1, rightTitle);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        for (String c : left) {
            series(chart, c).setYAxisGroup(0);
        }
        for (String c : right) {
            series(chart, c).setYAxisGroup(1);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private XYSeries series(XYChart chart, String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("column: unknown '" + column + "'; known: " + columns);
        }
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] y = rows.stream().mapToDouble(r -> r[i]).toArray();
        return chart.addSeries(column, x, y);
    }
}
