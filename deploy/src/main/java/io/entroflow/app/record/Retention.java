package io.entroflow.app.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes a recording's daily files that are entirely older than the retention: the file of UTC
 * day D ({@code yyyyMMddF.cq4}, written during D) goes once D + 1 day &le; now &minus; retention.
 * The file being written (today's) is never deleted. Files whose names are not a date are left
 * alone. Stateless; the caller refreshes the queue's directory listing afterwards.
 */
final class Retention {
    /** The daily file names' pattern ({@code yyyyMMdd'F'} for {@code FAST_DAILY}). */
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern(RecordingQueue.ROLL_CYCLE.format());

    private Retention() {
    }

    /**
     * Deletes the files of {@code dir} older than {@code retain} at {@code now}.
     *
     * @return the deleted files
     * @throws IllegalArgumentException when {@code retain} is not positive
     */
    static List<Path> sweep(Path dir, Instant now, Duration retain) {
        if (retain.isNegative() || retain.isZero()) {
            throw new IllegalArgumentException("--retain: must be positive, got " + retain);
        }
        Instant cutoff = now.minus(retain);
        List<Path> deleted = new ArrayList<>();
        for (Path f : RecordingQueue.cycleFiles(dir)) {
            String name = f.getFileName().toString();
            LocalDate day;
            try {
                day = LocalDate.parse(name.substring(0, name.length() - RecordingQueue.SUFFIX.length()), DAY);
            } catch (DateTimeParseException e) {
                continue;
            }
            Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!end.isAfter(cutoff) && end.isBefore(now)) {
                try {
                    Files.deleteIfExists(f);
                    deleted.add(f);
                } catch (IOException e) {
                    throw new IllegalStateException("--retain: cannot delete '" + f + "': " + e.getMessage(), e);
                }
            }
        }
        return deleted;
    }
}
