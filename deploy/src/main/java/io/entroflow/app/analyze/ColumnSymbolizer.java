package io.entroflow.app.analyze;

import io.entroflow.operators.RejectedEventException;
import io.entroflow.operators.symbol.FixedWidthBins;
import io.entroflow.operators.symbol.NumericSymbolizer;
import io.entroflow.operators.symbol.OrdinalPatterns;
import io.entroflow.operators.symbol.QuantileBins;
import io.entroflow.operators.symbol.SymbolTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one column of one or more tables into symbols of one shared alphabet, as the options
 * say: categorical values (default) through a {@link SymbolTable}; or numbers through fixed-width
 * bins, online quantile bins or ordinal patterns. Tables are processed in order through the same
 * symboliser, as a stream would be.
 */
final class ColumnSymbolizer {
    private final AnalyzeOptions options;

    ColumnSymbolizer(AnalyzeOptions options) {
        this.options = options;
    }

    List<SymbolColumn> symbolize(String option, String column, List<Table> tables) {
        for (Table t : tables) {
            t.requireColumn(option, column);
        }
        String mode = options.symbolize == null ? "categorical" : options.symbolize.toLowerCase(Locale.ROOT);
        switch (mode) {
            case "categorical":
                return categorical(column, tables);
            case "fixed":
                return numeric(column, tables, fixedBins(column, tables));
            case "quantile":
                requireBins();
                return numeric(column, tables, new QuantileBins(checked("--bins", options.bins, 2, 1024)));
            case "ordinal":
                return numeric(column, tables, ordinal());
            default:
                throw new BadInputException("--symbolize: expected fixed, quantile or ordinal, got '" + options.symbolize + "'");
        }
    }

    private List<SymbolColumn> categorical(String column, List<Table> tables) {
        if (options.alphabetCap < 1) {
            throw new BadInputException("--alphabet-cap: must be >= 1, got " + options.alphabetCap);
        }
        SymbolTable symbols = new SymbolTable(Math.min(options.alphabetCap, 1 << 24));
        List<int[]> perTable = new ArrayList<>();
        for (Table t : tables) {
            String[] texts = t.texts(column);
            int[] s = new int[texts.length];
            for (int i = 0; i < texts.length; i++) {
                s[i] = symbols.idOf(texts[i]);
            }
            perTable.add(s);
        }
        int alphabet = symbols.overflowCount() > 0 ? symbols.alphabetSize() : Math.max(1, symbols.distinct());
        String[] labels = new String[alphabet];
        for (int i = 0; i < alphabet; i++) {
            labels[i] = symbols.labelOf(i == symbols.distinct() && symbols.overflowCount() > 0 ? symbols.overflowSymbol() : i);
        }
        List<SymbolColumn> out = new ArrayList<>();
        for (int[] s : perTable) {
            int[] mapped = s.clone();
            for (int i = 0; i < mapped.length; i++) {
                if (mapped[i] == symbols.overflowSymbol()) {
                    mapped[i] = symbols.distinct(); // overflow right after the named values
                }
            }
            out.add(new SymbolColumn(mapped, identity(mapped.length), alphabet, labels));
        }
        return out;
    }

    private List<SymbolColumn> numeric(String column, List<Table> tables, NumericSymbolizer symbolizer) {
        List<SymbolColumn> out = new ArrayList<>();
        for (Table t : tables) {
            double[] x = t.numbers(column);
            int[] symbols = new int[x.length];
            int[] rows = new int[x.length];
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                int s;
                try {
                    s = symbolizer.symbolize(x[i]);
                } catch (RejectedEventException e) {
                    throw new BadInputException(t.source() + " line " + t.rows().get(i).line() + ": " + e.getMessage());
                }
                if (s != NumericSymbolizer.NO_SYMBOL) {
                    symbols[n] = s;
                    rows[n] = i;
                    n++;
                }
            }
            out.add(new SymbolColumn(java.util.Arrays.copyOf(symbols, n), java.util.Arrays.copyOf(rows, n),
                    symbolizer.alphabetSize(), null));
        }
        return out;
    }

    private FixedWidthBins fixedBins(String column, List<Table> tables) {
        requireBins();
        int bins = checked("--bins", options.bins, 1, 1 << 20);
        double min;
        double max;
        if (options.range != null) {
            String[] parts = options.range.split(":");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                min = Double.parseDouble(parts[0]);
                max = Double.parseDouble(parts[1]);
            } catch (NumberFormatException e) {
                throw new BadInputException("--range: expected MIN:MAX, got '" + options.range + "'");
            }
            if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new BadInputException("--range: expected finite MIN < MAX, got '" + options.range + "'");
            }
        } else {
            min = Double.POSITIVE_INFINITY;
            max = Double.NEGATIVE_INFINITY;
            for (Table t : tables) {
                for (double x : t.numbers(column)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            if (max == min) {
                max = min + 1; // a constant column: one bin holds it
            } else {
                max = Math.nextUp(max); // the largest value belongs to the last bin, not beyond it
            }
        }
        return new FixedWidthBins(min, max, bins);
    }

    private OrdinalPatterns ordinal() {
        int d = checked("--dimension", integer("--dimension", options.dimension, 3), 2, 10);
        int tau = checked("--tau", integer("--tau", options.tau, 1), 1, 1 << 20);
        return new OrdinalPatterns(d, tau);
    }

    private void requireBins() {
        checked("--bins", options.bins, 1, 1 << 20);
    }

    /** The integer text of {@code option}, or {@code fallback} when not given. */
    static int integer(String option, String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new BadInputException(option + ": must be an integer, got '" + text + "'");
        }
    }

    static int checked(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new BadInputException(option + ": must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
