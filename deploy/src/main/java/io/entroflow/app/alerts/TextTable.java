package io.entroflow.app.alerts;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for the terminal: a header row and rows, columns left-aligned and separated by
 * two spaces, line breaks in cells shown as spaces. O(cells).
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row of as many cells as the header (null shown as empty). */
    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row: expected " + header.size() + " cells, got " + cells.length);
        }
        List<String> r = new ArrayList<>(cells.length);
        for (String c : cells) {
            r.add(c == null ? "" : c.replaceAll("\\s*\\R\\s*", " "));
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size();
    }

    /** The header and every row, aligned; the last column is not padded. */
    public void print(PrintStream out) {
        int[] width = new int[header.size()];
        for (List<String> r : concat()) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        for (List<String> r : concat()) {
            out.println(line(r, width));
        }
    }

    /** One row formatted with the widths of {@code header} only (for streaming output, where later rows are unknown). */
    public static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            b.append(c);
            if (i < cells.size() - 1) {
                b.append(" ".repeat(Math.max(0, width[i] - c.length()) + 2));
            }
        }
        return b.toString().stripTrailing();
    }

    private List<List<String>> concat() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
