package io.entroflow.app.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory chores: sizes of state directories, removal of temporary ones (bench, record, backtest). */
public final class Directories {
    private Directories() {
    }

    /** Bytes of the regular files under {@code dir} (0 when it does not exist); files that vanish while walked count 0. */
    public static long size(Path dir) {
        return size(dir, "");
    }

    /**
     * Bytes of the regular files under {@code dir} whose names end with {@code suffix}: {@code ".log"} for a Kafka
     * broker's log segments, its data (its index files are preallocated and sparse, so their length is not disk use).
     */
    public static long size(Path dir, String suffix) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.mapToLong(f -> {
                try {
                    return Files.isRegularFile(f) && f.getFileName().toString().endsWith(suffix) ? Files.size(f) : 0;
                } catch (IOException e) {
                    return 0; // deleted meanwhile (RocksDB compactions)
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Deletes {@code dir} and everything under it, best effort (a temporary directory). */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort
        }
    }
}
