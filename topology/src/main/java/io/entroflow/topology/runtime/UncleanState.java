package io.entroflow.topology.runtime;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local state a killed process left behind, discarded before Kafka Streams starts.
 *
 * <p>Under exactly-once, a store that was not closed cleanly may hold writes of a transaction that was
 * never committed. Kafka Streams 4.3 keeps each RocksDB store's committed changelog offset in the store
 * itself (KIP-1035: an {@code offsets} column family, one entry per changelog partition, beside its
 * {@code status} and {@code position} entries); under exactly-once that offset is there only after a clean
 * close. A store written by an earlier Kafka Streams has no such column family, and its offsets are in the
 * task directory's {@code .checkpoint} file, which exactly-once deletes at open and writes again only at a
 * clean close. When a task directory holds a store without its offset (Kafka Streams 4.3:
 * {@code ProcessorStateManager.initializeStoreOffsets}, "did not find checkpoint offsets while stores are
 * not empty"), Kafka Streams finds the task "corrupted", wipes its directory and restores the stores from
 * their changelog topics, logging an ERROR and WARNs with stack traces ({@code TaskCorruptedException})
 * for what is a designed recovery. {@link #discard} applies the same test before Kafka Streams looks and
 * does the same wipe, so the restore starts from an empty directory and the caller can say so in one line.
 * A task whose stores all hold their offsets is left alone (a graceful stop keeps its local state), and so
 * is a store RocksDB cannot read: Kafka Streams then decides.
 *
 * <p>Only while this process holds the application directory's {@code .lock} (the file lock Kafka
 * Streams takes for the same directory): a directory in use by a running instance is never touched.
 * Cost: per task directory, a walk of its top three levels and a read-only open of each RocksDB store
 * (its manifest and write-ahead log, not its data files).
 */
final class UncleanState {
    static final String CHECKPOINT_FILE = ".checkpoint";
    static final String LOCK_FILE = ".lock";
    /** Kafka Streams' column family of a store's changelog offsets and open/closed status (KIP-1035). */
    static final byte[] OFFSETS_FAMILY = "offsets".getBytes(StandardCharsets.UTF_8);
    /** Entries of {@link #OFFSETS_FAMILY} that are not a changelog offset: the store's open/closed status and query position. */
    static final List<byte[]> NOT_OFFSETS = List.of("status".getBytes(StandardCharsets.UTF_8),
            "position".getBytes(StandardCharsets.UTF_8));
    /** Every RocksDB database directory holds this file. */
    private static final String ROCKSDB_MARKER = "CURRENT";
    private static final Pattern TASK_DIRECTORY = Pattern.compile("\\d+_\\d+");

    private UncleanState() {
    }

    /**
     * Deletes every task directory under {@code applicationDir} ({@code state.dir}/{@code application.id})
     * that holds a store that was not closed cleanly (see the class note).
     *
     * @return the task ids whose state was discarded, sorted; empty when there were none, when
     *         {@code applicationDir} does not exist, or when another instance holds its lock
     * @throws UncheckedIOException when a directory cannot be listed or deleted
     */
    static List<String> discard(Path applicationDir) {
        if (!Files.isDirectory(applicationDir)) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(applicationDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                return List.of(); // in use: Kafka Streams reports that itself
            }
            try (lock) {
                List<String> discarded = new ArrayList<>();
                for (Path task : taskDirectories(applicationDir)) {
                    if (holdsUnclosedStore(task)) {
                        deleteRecursively(task);
                        discarded.add(task.getFileName().toString());
                    }
                }
                return discarded;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the state left in " + applicationDir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static List<Path> taskDirectories(Path applicationDir) throws IOException {
        try (Stream<Path> entries = Files.list(applicationDir)) {
            return entries.filter(Files::isDirectory)
                    .filter(p -> TASK_DIRECTORY.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    private static boolean holdsUnclosedStore(Path task) throws IOException {
        boolean checkpointed = Files.exists(task.resolve(CHECKPOINT_FILE));
        for (Path store : rocksDbStores(task)) {
            Boolean closed = closedCleanly(store);
            if (closed == null ? !checkpointed : !closed) {
                return true;
            }
        }
        return false;
    }

    /** The RocksDB databases in a task directory: {@code rocksdb/<store>}, and segments of segmented stores. */
    private static List<Path> rocksDbStores(Path task) throws IOException {
        try (Stream<Path> entries = Files.walk(task, 3)) {
            return entries.filter(p -> p.getFileName().toString().equals(ROCKSDB_MARKER) && Files.isRegularFile(p))
                    .map(Path::getParent)
                    .sorted()
                    .toList();
        }
    }

    /**
     * Whether the store holds a committed changelog offset (it was closed cleanly): true or false; null for a
     * store without the offsets column family (its offsets are in the task's checkpoint file). A store that
     * cannot be read counts as closed: Kafka Streams decides about it.
     */
    static Boolean closedCleanly(Path store) {
        RocksDB.loadLibrary();
        try (Options listing = new Options(); ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
             DBOptions options = new DBOptions()) {
            List<byte[]> families = RocksDB.listColumnFamilies(listing, store.toString());
            if (families.isEmpty()) {
                return true; // not a database RocksDB can read (every one has a default family)
            }
            int offsets = -1;
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] family : families) {
                if (Arrays.equals(family, OFFSETS_FAMILY)) {
                    offsets = descriptors.size();
                }
                descriptors.add(new ColumnFamilyDescriptor(family, familyOptions));
            }
            if (offsets < 0) {
                return null;
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.openReadOnly(options, store.toString(), descriptors, handles);
                 RocksIterator entries = db.newIterator(handles.get(offsets))) {
                for (entries.seekToFirst(); entries.isValid(); entries.next()) {
                    byte[] key = entries.key();
                    if (NOT_OFFSETS.stream().noneMatch(k -> Arrays.equals(k, key))) {
                        return true;
                    }
                }
                return false;
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        } catch (RocksDBException e) {
            return true;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path p : entries.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
