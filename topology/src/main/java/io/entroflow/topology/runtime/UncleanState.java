package io.entroflow.topology.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local state a killed process left behind, discarded before Kafka Streams starts.
 *
 * <p>Under exactly-once, Kafka Streams deletes a task's {@code .checkpoint} file when it opens the
 * task's stores and writes it again only when it closes the task cleanly. A task directory that holds
 * stores but no checkpoint was therefore not closed (the process was killed or lost its machine), and
 * its stores may hold writes of a transaction that was never committed. Kafka Streams finds such a task
 * "corrupted", wipes its directory and restores the stores from their changelog topics, logging an
 * ERROR and two WARNs with stack traces ({@code TaskCorruptedException}) for what is a designed
 * recovery. {@link #discard} does the same wipe, with the same test
 * ({@code StateDirectory.directoryForTaskIsEmpty}: entries other than {@code .lock} and
 * {@code .checkpoint}), before Kafka Streams looks, so the restore starts from an empty directory and
 * the caller can say so in one line. A task directory with a checkpoint is left alone.
 *
 * <p>Only while this process holds the application directory's {@code .lock} (the file lock Kafka
 * Streams takes for the same directory): a directory in use by a running instance is never touched.
 * Cost: one directory listing per task directory.
 */
final class UncleanState {
    static final String CHECKPOINT_FILE = ".checkpoint";
    static final String LOCK_FILE = ".lock";
    private static final Pattern TASK_DIRECTORY = Pattern.compile("\\d+_\\d+");

    private UncleanState() {
    }

    /**
     * Deletes every task directory under {@code applicationDir} ({@code state.dir}/{@code application.id})
     * that holds stores but no checkpoint file.
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
                    if (!Files.exists(task.resolve(CHECKPOINT_FILE)) && holdsStores(task)) {
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

    private static boolean holdsStores(Path task) throws IOException {
        try (Stream<Path> entries = Files.list(task)) {
            return entries.map(p -> p.getFileName().toString())
                    .anyMatch(name -> !name.equals(CHECKPOINT_FILE) && !name.endsWith(LOCK_FILE));
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
