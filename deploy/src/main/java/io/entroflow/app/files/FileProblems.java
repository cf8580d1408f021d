package io.entroflow.app.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file named by an option could not be read, as one line in words rather than the JDK's
 * exception text: {@code --model: no such file 'm.json'}, {@code --input: 'data' is a directory,
 * not a file}, {@code --http-token-file: cannot read '/t': permission denied}.
 */
public final class FileProblems {
    private FileProblems() {
    }

    /** The one-line message for {@code e}, raised while reading {@code file} given as {@code option}. */
    public static String unreadable(String option, Path file, IOException e) {
        if (e instanceof NoSuchFileException && !Files.exists(file)) {
            return option + ": no such file '" + file + "'";
        }
        if (Files.isDirectory(file)) {
            return directory(option, file);
        }
        return option + ": cannot read '" + file + "': " + reason(e);
    }

    /** {@code OPTION: 'FILE' is a directory, not a file}: for readers that open a directory without an error. */
    public static String directory(String option, Path file) {
        return option + ": '" + file + "' is a directory, not a file";
    }

    /** What went wrong with a file, in words: {@code permission denied}, {@code not a directory}, ... */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory" + (n.getFile() == null ? "" : " (" + n.getFile() + ")");
        }
        if (e instanceof FileAlreadyExistsException f) {
            return "'" + f.getFile() + "' exists and is not a directory";
        }
        if (e instanceof NotDirectoryException n) {
            return "'" + n.getFile() + "' is not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
