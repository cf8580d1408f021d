package io.entroflow.app.cli;

import io.entroflow.app.files.FileProblems;
import io.entroflow.schemas.spec.MonitorSpecLoader;
import io.entroflow.schemas.spec.SchemaCheckedSpec;
import io.entroflow.schemas.spec.SpecValidationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files and directories the commands are given, checked before anything starts, each problem a
 * {@link CommandFailure#usage} naming the option and the path: a spec that is missing, a directory,
 * unreadable, larger than {@link #MAX_SPEC_BYTES} or not UTF-8 (a spec that is not valid is a
 * {@link SpecValidationException}, listing its errors); a data directory
 * that cannot be created or written.
 */
final class CliFiles {
    /** The largest spec file read (1 MiB); real specs are a few kilobytes. */
    static final int MAX_SPEC_BYTES = 1 << 20;

    private CliFiles() {
    }

    /**
     * Reads and validates the spec in {@code file}, bound as far as it validates, for the planner to add its
     * errors to the schema's; a problem with the file is a {@link CommandFailure#usage}.
     *
     * @throws SpecValidationException when the file is not YAML or is empty
     */
    static SchemaCheckedSpec spec(String option, Path file) {
        return MonitorSpecLoader.read(file.toString(), specText(option, file));
    }

    /** The text of a spec file: at most {@link #MAX_SPEC_BYTES} bytes of UTF-8, read without trusting the file's size. */
    static String specText(String option, Path file) {
        requireRegularFile(option, file, "spec file");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_SPEC_BYTES + 1);
        } catch (IOException e) {
            throw CommandFailure.usage(option + ": cannot read '" + file + "': " + FileProblems.reason(e), e);
        }
        if (bytes.length > MAX_SPEC_BYTES) {
            throw CommandFailure.usage(option + ": '" + file + "' is larger than 1 MiB (" + MAX_SPEC_BYTES
                    + " bytes), the most a spec file may be");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw CommandFailure.usage(option + ": '" + file + "' is not UTF-8 text", e);
        }
    }

    /** Fails unless {@code file} exists, is not a directory and can be read. */
    static void requireRegularFile(String option, Path file, String what) {
        if (Files.isDirectory(file)) {
            throw CommandFailure.usage(option + ": '" + file + "' is a directory, not a " + what);
        }
        if (!Files.exists(file)) {
            throw CommandFailure.usage(option + ": no such file '" + file + "'");
        }
        if (!Files.isReadable(file)) {
            throw CommandFailure.usage(option + ": cannot read '" + file + "': permission denied");
        }
    }

    /**
     * Creates {@code dir} if needed and proves it writable by creating and deleting a file in it
     * (permission bits alone say nothing for root or on read-only mounts).
     */
    static void requireWritableDirectory(String option, Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".entroflow-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw CommandFailure.usage(option + ": cannot write to '" + dir + "': " + FileProblems.reason(e), e);
        }
    }

    /** Fails unless {@code file} is not a directory and its directory exists (created if missing) and is writable. */
    static void requireWritableFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw CommandFailure.usage(option + ": '" + file + "' is a directory, not a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            requireWritableDirectory(option, parent);
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw CommandFailure.usage(option + ": cannot write to '" + file + "': permission denied");
        }
    }
}
