package io.entroflow.app.generate;

import io.entroflow.operators.Probabilities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code key=value} parameters of one {@code generate} call, read with typed getters that
 * supply defaults. Every error names the parameter and the value; {@link #requireAllUsed()}
 * rejects keys no getter asked for (typos).
 */
public final class SignalParams {
    private final String signal;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    private final long seed;

    /**
     * @param signal the signal's name, for messages
     * @param args   {@code key=value} strings
     * @param seed   the {@code --seed}
     * @throws IllegalArgumentException for an argument without '=' or a repeated key
     */
    public SignalParams(String signal, List<String> args, long seed) {
        this.signal = signal;
        this.seed = seed;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter: expected key=value, got '" + arg + "'");
            }
            String key = arg.substring(0, eq).trim();
            if (values.put(key, arg.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException(key + ": given twice");
            }
        }
    }

    /** The {@code --seed}. */
    public long seed() {
        return seed;
    }

    /** A fresh random source derived from the seed, for drawing default initial conditions. */
    public SplittableRandom random() {
        return new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    /** Whether {@code key} was given (does not count as reading it). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A number, or {@code fallback} when absent. */
    public double number(String key, double fallback) {
        String text = take(key);
        return text == null ? fallback : parse(key, text);
    }

    /** A whole number, or {@code fallback} when absent. */
    public long integer(String key, long fallback) {
        String text = take(key);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a whole number, got '" + text + "'");
        }
    }

    /** A whole number that fits an int, or {@code fallback} when absent. */
    public int smallInteger(String key, int fallback) {
        long v = integer(key, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + ": expected a whole number up to " + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }

    /** The text of {@code key}, or {@code fallback} when not given. */
    public String text(String key, String fallback) {
        String text = take(key);
        return text == null ? fallback : text.trim();
    }

    /** Comma-separated numbers of {@code key}, or a copy of {@code fallback} when not given. */
    public double[] numbers(String key, double[] fallback) {
        String text = take(key);
        if (text == null) {
            return fallback.clone();
        }
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parse(key, parts[i].trim());
        }
        return out;
    }

    /** A matrix: rows separated by ';', entries by ','; or {@code fallback} when absent. */
    public double[][] matrix(String key, double[][] fallback) {
        String text = take(key);
        if (text == null) {
            return fallback;
        }
        List<double[]> rows = new ArrayList<>();
        for (String row : text.split(";")) {
            String[] parts = row.split(",");
            double[] r = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                r[i] = parse(key, parts[i].trim());
            }
            rows.add(r);
        }
        return rows.toArray(new double[0][]);
    }

    /** A number in {@code min..max}, or {@code fallback} when absent; {@code unit} follows the range in errors. */
    public double numberIn(String key, double fallback, double min, double max, String unit) {
        double v = number(key, fallback);
        requireIn(key, v, min, max, unit);
        return v;
    }

    /** Comma-separated numbers in {@code min..max}, or a copy of {@code fallback} when absent. */
    public double[] numbersIn(String key, double[] fallback, double min, double max, String unit) {
        double[] values = numbers(key, fallback);
        for (double v : values) {
            requireIn(key, v, min, max, unit);
        }
        return values;
    }

    /** Comma-separated probabilities, each {@code >= 0}, summing to 1; or a copy of {@code fallback} when absent. */
    public double[] probabilities(String key, double[] fallback) {
        return Probabilities.require(key, numbers(key, fallback));
    }

    /** A matrix whose rows are probability distributions (see {@link #matrix}), or {@code fallback} when absent. */
    public double[][] probabilityRows(String key, double[][] fallback) {
        double[][] rows = matrix(key, fallback);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException(key + ": row " + i + " has " + rows[i].length + " entries, row 0 has "
                        + rows[0].length);
            }
            Probabilities.require(key + "[" + i + "]", rows[i]);
        }
        return rows;
    }

    /** A square matrix of transition probabilities (rows sum to 1), or {@code fallback} when absent. */
    public double[][] transitionMatrix(String key, double[][] fallback) {
        double[][] rows = probabilityRows(key, fallback);
        if (rows.length != rows[0].length) {
            throw new IllegalArgumentException(key + ": expected a square matrix, got " + rows.length
                    + (rows.length == 1 ? " row" : " rows") + " of " + rows[0].length + " entries");
        }
        return rows;
    }

    /**
     * An error about {@code key} for a check the generator made itself: its message, without the
     * generator's own name for the value before the first {@code ": "}, after {@code key}.
     */
    public static IllegalArgumentException about(String key, IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(": ");
        return new IllegalArgumentException(key + ": " + (colon < 0 ? message : message.substring(colon + 2)), e);
    }

    /** Throws for any parameter no getter read. */
    public void requireAllUsed() {
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException(key + ": unknown parameter for signal '" + signal + "'; known: "
                        + String.join(", ", used));
            }
        }
    }

    private String take(String key) {
        used.add(key);
        return values.get(key);
    }

    private static void requireIn(String key, double v, double min, double max, String unit) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(key + ": expected " + plain(min) + ".." + plain(max)
                    + (unit.isEmpty() ? "" : " " + unit) + ", got " + plain(v));
        }
    }

    /** {@code 2} rather than {@code 2.0}; other numbers as Java prints them. */
    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static double parse(String key, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a finite number, got '" + text + "'");
        }
    }
}
