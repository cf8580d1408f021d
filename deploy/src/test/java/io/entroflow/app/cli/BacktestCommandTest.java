package io.entroflow.app.cli;

import io.entroflow.app.demo.DemoStream;
import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.RecordingQueue;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code entroflow backtest}: the demo over a JSON-lines file and a recording; bad input is one line, status 2. */
class BacktestCommandTest {
    private static final String DEMO = Path.of("examples/demo.yaml").toString();
    private static final long T0 = 1_767_225_600_000L;

    @TempDir
    Path dir;

    private static void assertOneLineError(CliRunner.Result r, String... fragments) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    private static List<DemoStream.Event> demo() {
        DemoStream s = new DemoStream(7, T0, 60_000, 200);
        List<DemoStream.Event> events = new ArrayList<>();
        while (s.hasNext()) {
            events.add(s.next());
        }
        return events;
    }

    private Path jsonl(List<DemoStream.Event> events) throws Exception {
        Path f = dir.resolve("demo.jsonl");
        Files.write(f, events.stream().map(DemoStream.Event::json).toList());
        return f;
    }

    private Path queue(List<DemoStream.Event> events, String topic) {
        Path q = dir.resolve("queue-" + topic);
        try (RecordingQueue queue = RecordingQueue.openForWriting(q)) {
            long offset = 0;
            for (DemoStream.Event e : events) {
                queue.append(new RecordedRecord(topic, 0, offset++, e.time(), TimestampType.CREATE_TIME, List.of(),
                        e.key().getBytes(StandardCharsets.UTF_8), e.json().getBytes(StandardCharsets.UTF_8)));
            }
            queue.checkpoint(Map.of(new TopicPartition(topic, 0), offset));
        }
        return q;
    }

    private static byte[] read(Path p) throws Exception {
        return Files.readAllBytes(p);
    }

    @Test
    void shouldCatchThePlantedChangesOfTheDemoByteIdenticallyFromAFileAndFromARecording() throws Exception {
        List<DemoStream.Event> events = demo();
        Path file = jsonl(events);
        CliRunner.Result a = CliRunner.run("", "backtest", "--config", DEMO, "--input", file.toString(), "--out",
                dir.resolve("a").toString());
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out()).contains("12000 records").contains("3 alert events");
        CliRunner.Result b = CliRunner.run("", "backtest", "--config", DEMO, "--input", file.toString(), "--out",
                dir.resolve("b").toString());
        assertThat(b.status()).as(b.err()).isZero();
        CliRunner.Result q = CliRunner.run("", "backtest", "--config", DEMO, "--queue",
                queue(events, "demo-events").toString(), "--out", dir.resolve("q").toString());
        assertThat(q.status()).as(q.err()).isZero();
        for (String f : List.of("aggregates.jsonl", "alert-events.jsonl", "dead-letter.jsonl", "summary.json")) {
            assertThat(read(dir.resolve("b").resolve(f))).as(f).isEqualTo(read(dir.resolve("a").resolve(f)));
        }
        // the file's records have no keys or topics of their own; the recording's do: same alerts, same aggregates
        assertThat(read(dir.resolve("q/alert-events.jsonl"))).isEqualTo(read(dir.resolve("a/alert-events.jsonl")));
        assertThat(read(dir.resolve("q/aggregates.jsonl"))).isEqualTo(read(dir.resolve("a/aggregates.jsonl")));
        String alerts = Files.readString(dir.resolve("a/alert-events.jsonl"));
        assertThat(alerts.lines()).hasSize(3);
        for (DemoStream.Planted p : new DemoStream(7, T0, 60_000, 200).planted()) {
            assertThat(alerts).contains("\"rule\":\"" + p.rule() + "\",\"key\":\"" + p.key() + "\"");
        }
        String summary = Files.readString(dir.resolve("a/summary.json"));
        assertThat(summary).contains("\"events\" : 12000").contains("\"processed\" : 12000")
                .contains("\"kind-entropy-collapse\"").contains("\"first_firing\" : \"2026-01-01T00:00:21Z\"");
    }

    @Test
    void shouldRefuseAnUnreadableJsonLineNamingFileAndLine() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"key\":\"svc-a\",\"ts\":1,\"kind\":\"a\",\"x\":\"0\",\"y\":\"0\",\"latency\":1}\n\n{\"key\": oops}\n");
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--input", f.toString(), "--out",
                dir.resolve("o").toString()), "--input: '" + f + "' line 3: not JSON");
    }

    @Test
    void shouldRefuseAMissingInputFileAndAMissingOrCorruptQueue() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--input", missing.toString(), "--out",
                dir.resolve("o").toString()), "--input: no such file '" + missing + "'");
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--queue", dir.resolve("nope").toString(),
                "--out", dir.resolve("o").toString()), "--queue", "does not exist");
        Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
        Files.write(corrupt.resolve("20261203F.cq4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--queue", corrupt.toString(),
                "--out", dir.resolve("o").toString()), "--queue", corrupt.toString());
    }

    @Test
    void shouldLeaveNoOutputDirectoryBehindWhenTheInputIsRefused() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"key\":\"svc-a\",\"ts\":1,\"kind\":\"a\",\"x\":\"0\",\"y\":\"0\",\"latency\":1}\n{\"key\": oops}\n");
        Path out = dir.resolve("new-out");
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--input", f.toString(), "--out", out.toString()),
                "line 2: not JSON");
        assertThat(out).doesNotExist();
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--input", dir.resolve("missing.jsonl").toString(),
                "--out", out.toString()), "--input: no such file");
        assertThat(out).doesNotExist();
    }

    @Test
    void shouldLeaveAnExistingOutputDirectoryAsItWasWhenTheRunFails() throws Exception {
        Path out = dir.resolve("kept-out");
        CliRunner.Result good = CliRunner.run("", "backtest", "--config", DEMO, "--input", jsonl(demo().subList(0, 2_000)).toString(),
                "--out", out.toString());
        assertThat(good.status()).as(good.err()).isZero();
        Map<String, byte[]> before = new java.util.TreeMap<>();
        for (String f : List.of("aggregates.jsonl", "alert-events.jsonl", "dead-letter.jsonl", "summary.json")) {
            before.put(f, read(out.resolve(f)));
        }
        assertThat(before.get("aggregates.jsonl")).isNotEmpty();
        // a longer run that fails at its last line, after it has written aggregates
        Path bad = dir.resolve("bad-at-end.jsonl");
        Files.write(bad, demo().subList(0, 6_000).stream().map(DemoStream.Event::json).toList());
        Files.writeString(bad, "{\"key\": oops}\n", java.nio.file.StandardOpenOption.APPEND);
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--input", bad.toString(), "--out", out.toString()),
                "line 6001: not JSON");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(before.keySet()); // no staging directory left behind
        }
        for (Map.Entry<String, byte[]> f : before.entrySet()) {
            assertThat(read(out.resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
        }
    }

    @Test
    void shouldRefuseARecordingWithoutTheSpecsInputTopics() {
        Path q = queue(demo().subList(0, 10), "other-topic");
        assertOneLineError(CliRunner.run("", "backtest", "--config", DEMO, "--queue", q.toString(), "--out",
                dir.resolve("o").toString()), "--queue: '" + q + "' holds no records of input topic 'demo-events'",
                "recorded topics: [other-topic]");
    }

    @Test
    void shouldRequireExactlyOneInput() {
        CliRunner.Result r = CliRunner.run("", "backtest", "--config", DEMO, "--out", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--queue").contains("--input");
    }
}
