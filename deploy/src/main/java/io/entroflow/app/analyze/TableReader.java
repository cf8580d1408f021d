package io.entroflow.app.analyze;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.entroflow.app.files.FileProblems;
import io.entroflow.schemas.wire.JsonSerde;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link Table} from CSV with a header row, or from JSON lines (one object per line), told
 * apart by the first non-blank character ({@code &#123;} means JSON lines). CSV follows RFC 4180:
 * comma separated, fields may be quoted with {@code "}, a doubled quote inside quotes is a quote.
 * Blank lines are skipped, and a UTF-8 byte order mark before the first line. Errors name the source,
 * the line and the offending text.
 */
public final class TableReader {
    private static final ObjectMapper JSON = JsonSerde.MAPPER;
    /** U+FEFF, which spreadsheet programs write before a "CSV UTF-8" file's header; not part of the data. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private TableReader() {
    }

    /** Reads {@code path}, or standard input for {@code -}; a file that cannot be read is an error naming {@code option}. */
    public static Table read(String option, String path, InputStream stdin) {
        if ("-".equals(path)) {
            return read("stdin", new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)));
        }
        Path file = Path.of(path);
        if (Files.isDirectory(file)) {
            throw new BadInputException(FileProblems.directory(option, file));
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(path, reader);
        } catch (IOException e) {
            throw new BadInputException(FileProblems.unreadable(option, file, e));
        }
    }

    static Table read(String source, BufferedReader reader) {
        try {
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(lines.isEmpty() && line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line);
            }
            int first = 0;
            while (first < lines.size() && lines.get(first).isBlank()) {
                first++;
            }
            if (first == lines.size()) {
                throw new BadInputException(source + ": empty input, expected a CSV header row or JSON lines");
            }
            Table table = lines.get(first).stripLeading().startsWith("{") ? jsonLines(source, lines) : csv(source, lines, first);
            if (table.rows().isEmpty()) {
                throw new BadInputException(source + ": no data rows after the header");
            }
            return table;
        } catch (IOException e) {
            throw new BadInputException(source + ": cannot read: " + e.getMessage());
        }
    }

    private static Table jsonLines(String source, List<String> lines) {
        Set<String> columns = new LinkedHashSet<>();
        List<Table.Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BadInputException(source + " line " + (i + 1) + ": not valid JSON: " + abbreviate(text));
            }
            if (node == null || !node.isObject()) {
                throw new BadInputException(source + " line " + (i + 1) + ": expected a JSON object, got " + abbreviate(text));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode v = field.getValue();
                if (v.isNull()) {
                    continue;
                }
                values.put(field.getKey(), v.isValueNode() ? v.asText() : v.toString());
                columns.add(field.getKey());
            }
            rows.add(new Table.Row(i + 1, values));
        }
        return new Table(source, List.copyOf(columns), rows);
    }

    private static Table csv(String source, List<String> lines, int headerIndex) {
        List<String> header = parseCsvLine(source, headerIndex + 1, lines.get(headerIndex));
        Set<String> unique = new LinkedHashSet<>();
        for (String h : header) {
            String name = h.trim();
            if (name.isEmpty()) {
                throw new BadInputException(source + " line " + (headerIndex + 1) + ": empty column name in the header");
            }
            if (!unique.add(name)) {
                throw new BadInputException(source + " line " + (headerIndex + 1) + ": column '" + name + "' appears twice in the header");
            }
        }
        List<String> columns = List.copyOf(unique);
        List<Table.Row> rows = new ArrayList<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            List<String> fields = parseCsvLine(source, i + 1, text);
            if (fields.size() != columns.size()) {
                throw new BadInputException(source + " line " + (i + 1) + ": expected " + columns.size()
                        + " fields as in the header, got " + fields.size() + ": " + abbreviate(text));
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                values.put(columns.get(c), fields.get(c));
            }
            rows.add(new Table.Row(i + 1, values));
        }
        return new Table(source, columns, rows);
    }

    static List<String> parseCsvLine(String source, long lineNumber, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new BadInputException(source + " line " + lineNumber + ": unterminated quoted field: " + abbreviate(line));
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...'";
    }
}
