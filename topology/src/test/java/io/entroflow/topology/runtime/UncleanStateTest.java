package io.entroflow.topology.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real RocksDB stores laid out as Kafka Streams 4.3 leaves them: after a clean close the offsets family
 * holds the changelog offset (and status 0, the position); after a kill, under exactly-once, only the status
 * (1) and position.
 */
class UncleanStateTest {
    private static final byte[] OPEN = ByteBuffer.allocate(Long.BYTES).putLong(1L).array();
    private static final byte[] CLOSED = ByteBuffer.allocate(Long.BYTES).putLong(0L).array();
    private static final byte[] STATUS = "status".getBytes(StandardCharsets.UTF_8);
    private static final byte[] POSITION = "position".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path app;

    @Test
    void shouldDiscardTheTasksWithAStoreNotClosedCleanlyAndKeepTheRest() throws Exception {
        Path closed = task("0_0", "rocksdb/monitor-signals-store", CLOSED);
        store(closed.resolve("rocksdb/monitor-op-store"), CLOSED);
        Path killed = task("1_0", "rocksdb/monitor-op-store", CLOSED);
        store(killed.resolve("rocksdb/monitor-signals-store"), OPEN); // one open store is enough
        Path killedSegment = task("0_1", "monitor-window-store/1764900000000", OPEN);
        Path neverFlushed = Files.createDirectories(app.resolve("1_1")); // killed before RocksDB wrote anything
        write(neverFlushed.resolve("rocksdb/monitor-op-store"), true, null, false);
        Path stateless = Files.createDirectories(app.resolve("2_0"));
        Files.writeString(stateless.resolve(UncleanState.LOCK_FILE), "");
        Path notATask = task("global", "rocksdb/global-store", OPEN);
        Files.writeString(app.resolve("kafka-streams-process-metadata"), "{}");

        assertThat(UncleanState.discard(app)).containsExactly("0_1", "1_0", "1_1");

        assertThat(killed).doesNotExist();
        assertThat(killedSegment).doesNotExist();
        assertThat(closed.resolve("rocksdb/monitor-op-store/CURRENT")).exists();
        assertThat(neverFlushed).doesNotExist(); // a store without its offset, as Kafka Streams judges it
        assertThat(stateless.resolve(UncleanState.LOCK_FILE)).exists();
        assertThat(notATask.resolve("rocksdb/global-store/CURRENT")).exists();
        assertThat(app.resolve("kafka-streams-process-metadata")).exists();
        assertThat(UncleanState.discard(app)).isEmpty(); // what is left was closed cleanly
    }

    @Test
    void shouldJudgeStoresWithoutAnOffsetsFamilyByTheTaskCheckpoint() throws Exception {
        Path checkpointed = Files.createDirectories(app.resolve("0_0"));
        legacyStore(checkpointed.resolve("rocksdb/monitor-op-store"));
        Files.writeString(checkpointed.resolve(UncleanState.CHECKPOINT_FILE), "0\n1\nmonitor-op-store-changelog 0 42\n");
        Path notCheckpointed = Files.createDirectories(app.resolve("1_0"));
        legacyStore(notCheckpointed.resolve("rocksdb/monitor-op-store"));

        assertThat(UncleanState.closedCleanly(checkpointed.resolve("rocksdb/monitor-op-store"))).isNull();
        assertThat(UncleanState.discard(app)).containsExactly("1_0");
        assertThat(checkpointed.resolve("rocksdb/monitor-op-store/CURRENT")).exists();
    }

    @Test
    void shouldLeaveAStoreItCannotReadToKafkaStreams() throws Exception {
        Path task = Files.createDirectories(app.resolve("1_0/rocksdb/monitor-op-store"));
        Files.writeString(task.resolve("CURRENT"), "not a manifest name\n");
        assertThat(UncleanState.closedCleanly(task)).isTrue();
        assertThat(UncleanState.discard(app)).isEmpty();
    }

    @Test
    void shouldLeaveTheStateOfAnApplicationDirectoryThatIsInUse() throws Exception {
        Path task = task("1_0", "rocksdb/monitor-op-store", OPEN);
        try (FileChannel channel = FileChannel.open(app.resolve(UncleanState.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThat(UncleanState.discard(app)).isEmpty();
        }
        assertThat(task.resolve("rocksdb/monitor-op-store/CURRENT")).exists();
        assertThat(UncleanState.discard(app)).containsExactly("1_0"); // released: now it is discarded
    }

    @Test
    void shouldFindNothingWhereNoStateWasEverWritten() {
        assertThat(UncleanState.discard(app.resolve("never-started"))).isEmpty();
        assertThat(app.resolve("never-started")).doesNotExist();
        assertThat(UncleanState.discard(app)).isEmpty();
    }

    private Path task(String id, String store, byte[] status) throws RocksDBException, IOException {
        Path task = Files.createDirectories(app.resolve(id));
        store(task.resolve(store), status);
        return task;
    }

    /**
     * A store as Kafka Streams 4.3 leaves it: data in the default family; in "offsets" the status and position,
     * and the changelog offset when the status is closed.
     */
    private static void store(Path dir, byte[] status) throws RocksDBException, IOException {
        write(dir, true, status, true);
    }

    /** A store as earlier Kafka Streams wrote it: the default family only. */
    private static void legacyStore(Path dir) throws RocksDBException, IOException {
        write(dir, false, null, true);
    }

    private static void write(Path dir, boolean offsetsFamily, byte[] status, boolean data) throws RocksDBException, IOException {
        RocksDB.loadLibrary();
        Files.createDirectories(dir);
        try (ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
             DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            List<ColumnFamilyDescriptor> families = new ArrayList<>();
            families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions));
            if (offsetsFamily) {
                families.add(new ColumnFamilyDescriptor(UncleanState.OFFSETS_FAMILY, familyOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, dir.toString(), families, handles)) {
                if (data) {
                    db.put(handles.get(0), "key".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8));
                }
                if (status != null) {
                    db.put(handles.get(1), STATUS, status);
                    db.put(handles.get(1), POSITION, new byte[] {0, 0, 0, 1});
                    if (status == CLOSED) {
                        db.put(handles.get(1), "entroflow-m-monitor-op-store-changelog-0".getBytes(StandardCharsets.UTF_8),
                                ByteBuffer.allocate(Long.BYTES).putLong(42).array());
                    }
                }
                db.flush(flush, handles);
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }
}
