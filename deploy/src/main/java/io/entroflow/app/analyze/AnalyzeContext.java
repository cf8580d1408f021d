package io.entroflow.app.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.entroflow.operators.InformationUnit;
import io.entroflow.schemas.wire.JsonSerde;
import io.entroflow.topology.measure.MeasureParams;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * What a measure of {@code entroflow analyze} works with: the options, the input table (read on
 * first use), symbolised or numeric columns, and the output (one JSON object per line).
 */
public final class AnalyzeContext {
    private static final ObjectMapper JSON = JsonSerde.MAPPER;

    private final AnalyzeOptions options;
    private final MeasureParams params;
    private final InputStream stdin;
    private final PrintStream out;
    private Table table;

    public AnalyzeContext(AnalyzeOptions options, MeasureParams params, InputStream stdin, PrintStream out) {
        this.options = options;
        this.params = params;
        this.stdin = stdin;
        this.out = out;
    }

    /** The command-line options. */
    public AnalyzeOptions options() {
        return options;
    }

    /** The measure's parameters, validated by the catalogue (defaults filled in). */
    public MeasureParams params() {
        return params;
    }

    /** The input table (from {@code --input}). */
    public Table table() {
        if (table == null) {
            if (options.input == null) {
                throw new BadInputException("--input: required, a file or '-' for standard input");
            }
            table = TableReader.read("--input", options.input, stdin);
        }
        return table;
    }

    /** Reads another table, e.g. a {@code --reference} file. */
    public Table readTable(String option, String path) {
        if (path == null) {
            throw new BadInputException(option + ": required for --measure " + options.measure);
        }
        return TableReader.read(option, path, stdin);
    }

    /** The output unit from {@code --base}. */
    public InformationUnit unit() {
        try {
            return InformationUnit.parseBase(options.base);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--base: expected 2 or e, got '" + options.base + "'");
        }
    }

    /** The column named by {@code option} (value {@code column}) as symbols, per the symbolising options. */
    public SymbolColumn symbols(String option, String column) {
        return new ColumnSymbolizer(options).symbolize(option, column, List.of(table())).get(0);
    }

    /** The column in each table as symbols of one shared alphabet (tables processed in order). */
    public List<SymbolColumn> symbols(String option, String column, List<Table> tables) {
        return new ColumnSymbolizer(options).symbolize(option, column, tables);
    }

    /** The column named by {@code option} as finite numbers. */
    public double[] numbers(String option, String column) {
        table().requireColumn(option, column);
        return table().numbers(column);
    }

    /**
     * The event times of {@code --time-column} in epoch ms, or null when it is not given. Times
     * must not decrease from row to row; errors name the line and the value.
     */
    public long[] times() {
        if (options.timeColumn == null) {
            return null;
        }
        table().requireColumn("--time-column", options.timeColumn);
        long[] times = table().epochMillis(options.timeColumn);
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                Table t = table();
                throw new BadInputException("--time-column: " + t.source() + " line " + t.rows().get(i).line() + ": time '"
                        + t.rows().get(i).values().get(options.timeColumn) + "' is before the previous row's '"
                        + t.rows().get(i - 1).values().get(options.timeColumn) + "'");
            }
        }
        return times;
    }

    /** The {@code --window} size, validated, or 0 when not given. */
    public int window() {
        if (options.window == null) {
            return 0;
        }
        return ColumnSymbolizer.checked("--window", options.window, 1, 1 << 30);
    }

    /** A fresh JSON object to fill and {@link #emit}. */
    public ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Prints {@code node} as one line. Non-finite numbers print as the strings "Infinity", "NaN". */
    public void emit(ObjectNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Fails with a message naming the option when {@code condition} is false. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new BadInputException(message);
        }
    }
}
