package io.entroflow.topology.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class UncleanStateTest {
    @TempDir
    Path app;

    @Test
    void shouldDiscardTheTasksThatHoldStoresButNoCheckpoint() throws IOException {
        Path killed = store(app.resolve("1_0"), "rocksdb/monitor-op-store/000001.sst");
        Path killedToo = store(app.resolve("0_1"), "monitor-signals-store/CURRENT");
        Path closed = store(app.resolve("1_1"), "rocksdb/monitor-op-store/000001.sst");
        Files.writeString(closed.resolve(UncleanState.CHECKPOINT_FILE), "0\n1\nmonitor-op-store-changelog 1 42\n");
        Path stateless = Files.createDirectories(app.resolve("0_0"));
        Files.writeString(stateless.resolve(UncleanState.LOCK_FILE), "");
        Path notATask = store(app.resolve("global"), "global-store/CURRENT");
        Files.writeString(app.resolve("kafka-streams-process-metadata"), "{}");

        assertThat(UncleanState.discard(app)).containsExactly("0_1", "1_0");

        assertThat(killed).doesNotExist();
        assertThat(killedToo).doesNotExist();
        assertThat(closed.resolve("rocksdb/monitor-op-store/000001.sst")).exists();
        assertThat(stateless.resolve(UncleanState.LOCK_FILE)).exists();
        assertThat(notATask.resolve("global-store/CURRENT")).exists();
        assertThat(app.resolve("kafka-streams-process-metadata")).exists();
    }

    @Test
    void shouldLeaveTheStateOfAnApplicationDirectoryThatIsInUse() throws IOException {
        Path task = store(app.resolve("1_0"), "rocksdb/monitor-op-store/000001.sst");
        try (FileChannel channel = FileChannel.open(app.resolve(UncleanState.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThat(UncleanState.discard(app)).isEmpty();
        }
        assertThat(task.resolve("rocksdb/monitor-op-store/000001.sst")).exists();
        assertThat(UncleanState.discard(app)).containsExactly("1_0"); // released: now it is discarded
    }

    @Test
    void shouldFindNothingWhereNoStateWasEverWritten() {
        assertThat(UncleanState.discard(app.resolve("never-started"))).isEmpty();
        assertThat(app.resolve("never-started")).doesNotExist();
        assertThat(UncleanState.discard(app)).isEmpty();
    }

    private static Path store(Path task, String file) throws IOException {
        Path f = task.resolve(file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "data");
        return task;
    }
}
