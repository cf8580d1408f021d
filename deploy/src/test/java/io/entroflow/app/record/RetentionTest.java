package io.entroflow.app.record;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {
    @TempDir
    Path dir;

    @Test
    void shouldDeleteTheDailyFilesEntirelyOlderThanTheRetention() throws Exception {
        for (String name : new String[] {"20261101F.cq4", "20261102F.cq4", "20261103F.cq4", "20261203F.cq4",
                "metadata.cq4t", "notes.cq4"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        // now = 2026-12-03T12:00Z, 30 days: the cut-off is 2026-11-03T12:00Z; 11-02 ended at 11-03T00:00 (gone),
        // 11-03 ends at 11-04T00:00 (kept: it may hold records younger than 30 days)
        var deleted = Retention.sweep(dir, Instant.parse("2026-12-03T12:00:00Z"), Duration.ofDays(30));
        assertThat(deleted).extracting(p -> p.getFileName().toString()).containsExactly("20261101F.cq4", "20261102F.cq4");
        assertThat(RecordingQueue.cycleFiles(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("20261103F.cq4", "20261203F.cq4", "notes.cq4");
        assertThat(dir.resolve("metadata.cq4t")).exists();
    }

    @Test
    void shouldNeverDeleteTodaysFile() throws Exception {
        Files.writeString(dir.resolve("20261203F.cq4"), "x");
        assertThat(Retention.sweep(dir, Instant.parse("2026-12-03T23:59:59Z"), Duration.ofMillis(1))).isEmpty();
    }

    @Test
    void shouldRecogniseTheFilesTheQueueWritesAndLeaveTheRestReadable() {
        Path q = dir.resolve("q");
        try (RecordingQueue queue = RecordingQueue.openForWriting(q)) {
            queue.checkpoint(java.util.Map.of());
        }
        assertThat(RecordingQueue.cycleFiles(q)).hasSize(1);
        assertThat(Retention.sweep(q, Instant.now(), Duration.ofDays(30))).isEmpty();
        assertThat(Retention.sweep(q, Instant.now().plus(Duration.ofDays(32)), Duration.ofDays(30))).hasSize(1);
        assertThat(RecordingQueue.cycleFiles(q)).isEmpty();
        try (RecordingQueue queue = RecordingQueue.openForWriting(q)) {
            queue.refreshDirectoryListing();
            assertThat(queue.lastCheckpoint()).isNull();
            queue.checkpoint(java.util.Map.of());
            assertThat(queue.lastCheckpoint()).isNotNull();
        }
    }

    @Test
    void shouldRejectANonPositiveRetention() {
        assertThatThrownBy(() -> Retention.sweep(dir, Instant.now(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--retain:");
    }
}
