package io.entroflow.app.analyze;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rows read from a CSV file with a header row or from JSON lines: named columns, values as text
 * (JSON numbers in their literal form), each row with its line number in the input.
 *
 * @param source  file name or {@code stdin}, for messages
 * @param columns column names in order of first appearance
 * @param rows    the rows
 */
public record Table(String source, List<String> columns, List<Row> rows) {

    /** One input row. {@code values} maps a column to its text; a missing column is absent. */
    public record Row(long line, Map<String, String> values) {
    }

    /** Number of rows. */
    public int size() {
        return rows.size();
    }

    /** Fails unless {@code column} exists, naming the columns that do. */
    public void requireColumn(String option, String column) {
        if (column == null) {
            throw new BadInputException(option + ": required, choose one of the columns " + columns);
        }
        if (!columns.contains(column)) {
            throw new BadInputException(option + ": no column '" + column + "' in " + source + "; columns are " + columns);
        }
    }

    /** The text of {@code column} in every row; a row lacking it is an error naming the line. */
    public String[] texts(String column) {
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) {
            Row row = rows.get(i);
            String v = row.values().get(column);
            if (v == null) {
                throw new BadInputException(source + " line " + row.line() + ": column '" + column + "' is missing");
            }
            out[i] = v;
        }
        return out;
    }

    /** The numbers in {@code column}; a value that is not a finite number is an error naming the line and the value. */
    public double[] numbers(String column) {
        String[] texts = texts(column);
        double[] out = new double[texts.length];
        for (int i = 0; i < texts.length; i++) {
            long line = rows.get(i).line();
            double x;
            try {
                x = Double.parseDouble(texts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException(source + " line " + line + ": column '" + column
                        + "' expected a number, got '" + texts[i] + "'");
            }
            if (!Double.isFinite(x)) {
                throw new BadInputException(source + " line " + line + ": column '" + column
                        + "' expected a finite number, got '" + texts[i] + "'");
            }
            out[i] = x;
        }
        return out;
    }

    /** The whole numbers in {@code column}, as longs; errors name the line and the value. */
    public long[] integers(String column) {
        String[] texts = texts(column);
        long[] out = new long[texts.length];
        for (int i = 0; i < texts.length; i++) {
            try {
                out[i] = Long.parseLong(texts[i].trim());
            } catch (NumberFormatException e) {
                throw new BadInputException(source + " line " + rows.get(i).line() + ": column '" + column
                        + "' expected an integer, got '" + texts[i] + "'");
            }
        }
        return out;
    }

    /**
     * The event times in {@code column} as epoch milliseconds: each value is either an integer
     * (epoch ms) or an ISO-8601 instant such as {@code 2024-05-01T12:00:00.250Z} or
     * {@code 2024-05-01T14:00:00+02:00}; errors name the line and the value.
     */
    public long[] epochMillis(String column) {
        String[] texts = texts(column);
        long[] out = new long[texts.length];
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i].trim();
            try {
                out[i] = EPOCH_MILLIS.matcher(text).matches() ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
            } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
                throw new BadInputException(source + " line " + rows.get(i).line() + ": column '" + column
                        + "' expected epoch milliseconds or an ISO-8601 instant (2024-05-01T12:00:00Z), got '" + texts[i] + "'");
            }
        }
        return out;
    }

    private static final Pattern EPOCH_MILLIS = Pattern.compile("[+-]?\\d+");
}
