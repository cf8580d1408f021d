package io.entroflow.app.cli;

import io.entroflow.app.record.RecordedRecord;
import io.entroflow.app.record.RecordingQueue;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options and inputs of record and replay: status 2, one line on standard error naming the option and value. */
class RecordReplayCommandTest {
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

    @Test
    void shouldRefuseToReplayAMissingQueueDirectory() {
        Path missing = dir.resolve("missing");
        assertOneLineError(CliRunner.run("", "replay", "--queue", missing.toString(), "--to-topic", "t"),
                "entroflow replay: --queue", missing.toString(), "does not exist");
    }

    @Test
    void shouldRefuseToReplayADirectoryWithoutRecording() {
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t"),
                "--queue", "holds no recording");
    }

    @Test
    void shouldRefuseToReplayACorruptQueueFile() throws Exception {
        Files.write(dir.resolve("20261203.cq4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t"),
                "--queue", dir.toString());
    }

    @Test
    void shouldRefuseToReplayOrBacktestATruncatedQueueFile() throws Exception {
        // a recording cut short (a partial copy, a full disk): Chronicle maps past the end of the file,
        // which the JVM reports as an InternalError, not an exception
        Path queue = dir.resolve("truncated");
        try (RecordingQueue q = RecordingQueue.openForWriting(queue)) {
            for (int i = 0; i < 3000; i++) {
                q.append(new RecordedRecord("payments", 0, i, 1_000L + i, TimestampType.CREATE_TIME, List.of(),
                        ("k" + i).getBytes(StandardCharsets.UTF_8),
                        ("{\"user\":\"u1\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8)));
            }
            q.checkpoint(Map.of(new TopicPartition("payments", 0), 3000L));
        }
        Path file = RecordingQueue.cycleFiles(queue).get(0);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(100_000);
        }
        assertOneLineError(CliRunner.run("", "replay", "--queue", queue.toString(), "--to-topic", "t"),
                "entroflow replay: --queue", queue.toString(), "corrupt", "cut short");
        assertOneLineError(CliRunner.run("", "backtest", "--config", "examples/payments.yaml", "--queue",
                queue.toString(), "--out", dir.resolve("bt").toString()),
                "entroflow backtest: --queue", queue.toString(), "corrupt", "cut short");
    }

    @Test
    void shouldRefuseAnEmptyQueueFileAtOnce() throws Exception {
        // Chronicle takes a file without a header for one another process is still creating, and waits for it
        Path queue = Files.createDirectories(dir.resolve("empty-file"));
        Path empty = Files.createFile(queue.resolve("20261203F.cq4"));
        Files.setLastModifiedTime(empty, FileTime.from(Instant.parse("2026-12-03T12:00:00Z")));
        long start = System.nanoTime();
        assertOneLineError(CliRunner.run("", "replay", "--queue", queue.toString(), "--to-topic", "t",
                "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "1s"), "entroflow replay: --queue", empty.toString(),
                "no queue header");
        assertOneLineError(CliRunner.run("", "backtest", "--config", "examples/payments.yaml", "--queue", queue.toString(),
                "--out", dir.resolve("bt").toString()), "entroflow backtest: --queue", empty.toString(), "no queue header");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void shouldRefuseABadTime() {
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t", "--from", "yesterday"),
                "--from: expected an ISO-8601 instant", "'yesterday'");
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t",
                "--from", "2026-12-03T10:00:00Z", "--to", "2026-12-03T09:00:00Z"), "--from", "must be before --to");
    }

    @Test
    void shouldRefuseABadSpeed() {
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t", "--speed", "0"),
                "--speed", "'0'");
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t", "--speed", "fast"),
                "--speed", "'fast'");
    }

    @Test
    void shouldRefuseATopicNameKafkaWouldRefuse() {
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "bad topic!"),
                "entroflow replay: --to-topic:", "'bad topic!' contains one or more characters other than ASCII alphanumerics");
    }

    @Test
    void shouldRefuseAZeroProgressInterval() {
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t", "--progress-every", "0s"),
                "entroflow replay: --progress-every: expected a duration > 0, got '0s'");
    }

    @Test
    void shouldRefuseAnEmptyKeyFilter() {
        assertOneLineError(CliRunner.run("", "replay", "--queue", dir.toString(), "--to-topic", "t", "--key-filter", ""),
                "--key-filter");
    }

    @Test
    void shouldRefuseBadRecordOptions() throws Exception {
        assertOneLineError(CliRunner.run("", "record", "--topics", "a", "--queue", dir.toString(), "--retain", "forever"),
                "entroflow record: --retain", "'forever'");
        assertOneLineError(CliRunner.run("", "record", "--topics", "a", "--queue", dir.toString(), "--retain", "0d"),
                "--retain", "must be positive");
        assertOneLineError(CliRunner.run("", "record", "--topics", "a", "--queue", dir.toString(), "--start-at", "middle"),
                "--start-at", "'middle'");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertOneLineError(CliRunner.run("", "record", "--topics", "a", "--queue", file.toString()),
                "--queue", file.toString(), "is not a directory");
    }

    @Test
    void shouldLeaveNoQueueDirectoryBehindWhenNothingWasRecorded() {
        Path queue = dir.resolve("new-queue");
        CliRunner.Result r = CliRunner.run("", "record", "--topics", "a", "--queue", queue.toString(),
                "--bootstrap-servers", "127.0.0.1:1", "--connect-timeout", "1s");
        assertThat(r.status()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach Kafka at 127.0.0.1:1");
        assertThat(queue).doesNotExist();
    }

    @Test
    void shouldListRecordAndReplayInTheHelp() {
        CliRunner.Result r = CliRunner.run("", "--help");
        assertThat(r.out()).contains("record").contains("replay");
        assertThat(CliRunner.run("", "replay", "--help").out()).contains("--to-topic").contains("--key-filter");
    }
}
