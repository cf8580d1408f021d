package io.entroflow.app.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one writer of a recording: an exclusive OS file lock on {@code DIR/writer.lock}, held while a
 * queue is open for writing. Two recorders on one queue would each resume from its end and append
 * the same records, so the second is refused. The operating system releases the lock when its
 * process dies ({@code kill -9} included), so a restart never finds a stale lock. The file holds the
 * holder's PID, for the refusal's message; it is never deleted (deleting a lock file races with
 * the next writer opening it).
 */
final class QueueWriterLock implements AutoCloseable {
    static final String FILE_NAME = "writer.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private QueueWriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of the recording in {@code dir} (an existing directory).
     *
     * @throws IllegalArgumentException when another writer holds it, or the lock file cannot be opened
     */
    static QueueWriterLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalArgumentException("--queue: cannot open the lock file '" + file + "': " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = tryLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalArgumentException("--queue: cannot lock '" + file + "': " + e.getMessage());
        }
        if (lock == null) {
            String holder = holder(file);
            closeQuietly(channel);
            throw new IllegalArgumentException("--queue: '" + dir + "' is being recorded into by another recorder ("
                    + holder + "); one recorder per queue");
        }
        writePid(channel);
        return new QueueWriterLock(channel, lock);
    }

    private static void writePid(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException ignored) {
            // the PID only makes a refusal's message more helpful
        }
    }

    /** Null when another process, or another writer in this JVM, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "its PID unknown" : text;
        } catch (IOException e) {
            return "its PID unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock, if any, goes with the channel
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }
}
