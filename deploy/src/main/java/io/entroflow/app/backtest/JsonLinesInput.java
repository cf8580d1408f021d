package io.entroflow.app.backtest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.entroflow.app.files.FileProblems;
import io.entroflow.topology.offline.OfflineRecord;
import io.entroflow.topology.plan.MonitorPlan;
import io.entroflow.topology.stream.EventParser;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A JSON-lines file as the records of the spec's first input topic, partition 0: each non-blank
 * line (UTF-8; a trailing CR is dropped) is one record value, byte for byte, at offset = its line
 * number &minus; 1. A line that is not JSON stops the backtest with
 * {@code --input: 'FILE' line N: not JSON: ...}; a JSON line the monitor cannot use (not an object,
 * a field missing or of the wrong type) goes on and is dead-lettered as the live monitor would.
 *
 * <p>Record key: when the spec keys events by the record key, the line's top-level {@code key}
 * field (a string as its UTF-8 bytes, a number as its text; absent or null: no key, which the
 * monitor dead-letters); otherwise none. Record timestamp: when the spec reads event time from a
 * field, that field's event time (as the monitor reads it), or the previous line's timestamp when
 * the line has none (0 before the first); otherwise the line's offset (the lines are 1 ms apart).
 * Live, a record's timestamp is about when it was produced, which for a live source is about its
 * event time.
 */
public final class JsonLinesInput implements BacktestInput {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final Path file;
    private final InputStream in;
    private final String topic;
    private final boolean keyFromLine;
    private final JsonPointer timePointer;
    private final EventParser times;
    private byte[] line = new byte[4096];
    private long lineNumber;
    private long lastTimestamp;

    /** @throws BadInputException when the file does not exist or cannot be read */
    public JsonLinesInput(Path file, MonitorPlan plan) {
        this.file = file;
        if (Files.isDirectory(file)) {
            throw new BadInputException(FileProblems.directory("--input", file));
        }
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new BadInputException(FileProblems.unreadable("--input", file, e), e);
        }
        var input = plan.spec().input();
        this.topic = input.topics().get(0);
        this.keyFromLine = !input.key().fromField();
        this.timePointer = input.time().fromField() ? JsonPointer.compile(input.time().field()) : null;
        this.times = new EventParser(plan);
    }

    @Override
    public OfflineRecord next() {
        while (true) {
            int n = readLine();
            if (n < 0) {
                return null;
            }
            if (isBlank(n)) {
                continue;
            }
            byte[] value = Arrays.copyOf(line, n);
            JsonNode tree;
            try {
                tree = JSON.readTree(value);
            } catch (IOException e) {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n", 2)[0];
                throw new BadInputException(position() + ": not JSON: " + m, e);
            }
            byte[] key = null;
            if (keyFromLine) {
                JsonNode k = tree.get("key");
                if (k != null && !k.isNull()) {
                    key = (k.isValueNode() ? k.asText() : k.toString()).getBytes(StandardCharsets.UTF_8);
                }
            }
            long timestamp = lineNumber - 1;
            if (timePointer != null) {
                Long t = tree.isContainerNode() ? times.parseTime(tree.at(timePointer)) : null;
                timestamp = t != null && t >= 0 && t <= EventParser.MAX_TIME ? t : lastTimestamp;
            }
            lastTimestamp = timestamp;
            return new OfflineRecord(topic, 0, lineNumber - 1, timestamp, key, value, new RecordHeaders());
        }
    }

    /** Reads the next line into {@link #line} without its end of line; its length, or -1 at the end. */
    private int readLine() {
        try {
            int n = 0;
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            lineNumber++;
            while (b >= 0 && b != '\n') {
                if (n == line.length) {
                    line = Arrays.copyOf(line, n * 2);
                }
                line[n++] = (byte) b;
                b = in.read();
            }
            return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
        } catch (IOException e) {
            throw new BadInputException(position() + ": cannot read: " + e.getMessage(), e);
        }
    }

    private boolean isBlank(int n) {
        for (int i = 0; i < n; i++) {
            if (line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String position() {
        return "--input: '" + file + "' line " + lineNumber;
    }

    @Override
    public int partitions() {
        return 1;
    }

    @Override
    public String describe() {
        return "jsonl " + file;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing lost
        }
    }
}
